package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.platform.LaunchProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Makes sure an admin account exists before sign-in is offered: on first start it creates
 * {@value #ADMIN} with a random password (shown on the console, written to
 * {@code data/initial-admin-password}), then enables {@link AdminAuth}. Until then everything that
 * needs sign-in is unsatisfied, so {@code /health/ready} does not say ready before an admin can sign in.
 */
@Component(immediate = true)
public final class FirstAccount {
    static final String ADMIN = "admin";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FirstAccount.class);
    private static final long RETRY_SECONDS = 5;

    private final ComponentContext component;
    private final AdminAccounts accounts;
    private final Path dataDir;
    private final ScheduledThreadPoolExecutor setup = new ScheduledThreadPoolExecutor(1,
            runnable -> new Thread(runnable, "lanvan-admin-setup"));
    /** Optional and dynamic: the account is made even if the audit capability comes up later. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public FirstAccount(ComponentContext component, BundleContext context, @Reference AdminAccounts accounts) {
        this.component = component;
        this.accounts = accounts;
        this.dataDir = dataDir(context);
        setup.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a pending retry dies with the component
        setup.execute(this::ensureAccount);
    }

    private void ensureAccount() {
        try {
            if (accounts.isEmpty()) {
                create();
            }
            component.enableComponent(AdminAuth.class.getName());
        } catch (IOException | RuntimeException e) {
            if (setup.isShutdown()) {
                // the component (or its schema) went away under the check: the next activation checks again
                LOG.debug("First admin account check stopped with the component", e);
                return;
            }
            LOG.error("Creating the first admin account failed; retrying in {} s", RETRY_SECONDS, e);
            setup.schedule(this::ensureAccount, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void create() throws IOException {
        char[] password = InitialPassword.generate(new SecureRandom());
        try {
            if (accounts.create(new AdminAccount(ADMIN, new PasswordHashing().hash(password), true, Clock.systemUTC().instant()))) {
                Path file = InitialPassword.write(dataDir, password);
                // The console only, never the log file: operators read it once and must change it at first sign-in.
                System.out.println("\nFirst admin sign-in: user '" + ADMIN + "', password " + new String(password)
                        + "\n(also in " + file + "; you will be asked to change it)\n");
                LOG.info("Created the admin account; its first password is in {}", file);
                AuditLog log = audit;
                if (log != null) {
                    AuditTrail.recordLater(log, AuditEvent.of("admin.account.created", AuditEvent.SYSTEM, ADMIN));
                }
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    static Path dataDir(BundleContext context) {
        String data = context.getProperty(LaunchProperties.DATA_DIR);
        return Path.of(data == null ? "data" : data);
    }

    @Deactivate
    void deactivate() {
        // not shutdownNow(): an interrupt in the middle of a query closes H2's file channels under every schema
        setup.shutdown();
        // Sign-in follows this component: when the account store goes, it waits for the next check.
        component.disableComponent(AdminAuth.class.getName());
    }
}
