package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.store.AdminAccount;
import io.lanvan.api.store.AdminAccountStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin accounts and sign-in: creates the first account with a random password on first start,
 * checks passwords (Argon2id), locks sign-in after repeated failures, keeps sessions and records
 * what happens in the audit log.
 */
@Component(service = AdminAuth.class, configurationPid = AdminConfig.PID)
@Designate(ocd = AdminConfig.class)
public final class AdminAuth {
    static final String ADMIN = "admin";
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);

    /** What a sign-in attempt came to. */
    sealed interface SignIn permits SignedIn, Refused, Locked {}

    record SignedIn(String token, String csrfToken, boolean mustChangePassword) implements SignIn {}

    record Refused() implements SignIn {}

    record Locked(Instant until) implements SignIn {}

    private final AdminAccountStore accounts;
    private final PasswordHashing hashing = new PasswordHashing();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final ExecutorService setup = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "lanvan-admin-setup"));
    private volatile AdminConfig config;
    /** Optional and dynamic: sign-in keeps working while the audit capability is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public AdminAuth(BundleContext context, @Reference AdminAccountStore accounts, AdminConfig config) {
        this(accounts, config, Clock.systemUTC(), dataDir(context));
    }

    AdminAuth(AdminAccountStore accounts, AdminConfig config, Clock clock, Path dataDir) {
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
        this.sessions = new Sessions(clock, Duration.ofMinutes(config.sessionMinutes()), Duration.ofHours(config.sessionMaxHours()));
        this.throttle = new SignInThrottle(clock);
        setup.execute(() -> createFirstAccount(dataDir));
    }

    @Modified
    void modified(AdminConfig config) {
        this.config = config;
        sessions.limits(Duration.ofMinutes(config.sessionMinutes()), Duration.ofHours(config.sessionMaxHours()));
    }

    SignIn signIn(String username, char[] password, String address) {
        Optional<Instant> locked = throttle.lockedUntil(username, address);
        if (locked.isPresent()) {
            record("admin.signin.locked", username, Map.of("address", address));
            return new Locked(locked.get());
        }
        Optional<AdminAccount> account = accounts.find(username);
        // Hash even for an unknown user, so the answer takes as long either way.
        boolean valid = hashing.verify(password, account.map(AdminAccount::passwordHash).orElse(DUMMY_HASH)) && account.isPresent();
        if (!valid) {
            throttle.failed(username, address, config.lockoutAfterFailures(), Duration.ofMinutes(config.lockoutMinutes()));
            record("admin.signin.failed", username, Map.of("address", address));
            return new Refused();
        }
        throttle.succeeded(username, address);
        StringBuilder csrf = new StringBuilder();
        String token = sessions.start(username, account.get().mustChangePassword(), csrf);
        record("admin.signin", username, Map.of("address", address));
        return new SignedIn(token, csrf.toString(), account.get().mustChangePassword());
    }

    Optional<AdminSession> session(String token) {
        return sessions.find(token);
    }

    void signOut(String token, String username) {
        sessions.end(token);
        record("admin.signout", username, Map.of());
    }

    /** Changes the password of a signed-in admin; returns why not, naming the field, when refused. */
    Optional<String> changePassword(String token, String username, char[] current, char[] replacement) {
        AdminAccount account = accounts.find(username).orElse(null);
        if (account == null || !hashing.verify(current, account.passwordHash())) {
            return Optional.of("currentPassword is wrong");
        }
        if (replacement.length < MIN_PASSWORD_LENGTH || replacement.length > 256) {
            return Optional.of("newPassword must be " + MIN_PASSWORD_LENGTH + "-256 characters");
        }
        if (java.util.Arrays.equals(current, replacement)) {
            return Optional.of("newPassword must differ from the current password");
        }
        accounts.update(new AdminAccount(username, hashing.hash(replacement), false, clock.instant()));
        sessions.passwordChanged(token);
        sessions.endOthers(username, token);
        record("admin.password.changed", username, Map.of());
        return Optional.empty();
    }

    private void createFirstAccount(Path dataDir) {
        try {
            if (!accounts.isEmpty()) {
                return;
            }
            char[] password = InitialPassword.generate(random);
            if (accounts.create(new AdminAccount(ADMIN, hashing.hash(password), true, clock.instant()))) {
                Path file = InitialPassword.write(dataDir, password);
                // The console only, never the log file: operators read it once and must change it at first sign-in.
                System.out.println("\nFirst admin sign-in: user 'admin', password " + new String(password)
                        + "\n(also in " + file + "; you will be asked to change it)\n");
                LOG.info("Created the admin account; its first password is in {}", file);
                record("admin.account.created", AuditEvent.SYSTEM, Map.of("username", ADMIN));
            }
            java.util.Arrays.fill(password, '\0');
        } catch (java.io.IOException | RuntimeException e) {
            LOG.error("Creating the first admin account failed", e);
        }
    }

    private void record(String action, String actor, Map<String, String> details) {
        AuditLog log = audit;
        if (log != null) {
            log.record(new AuditEvent(action, actor.isBlank() ? "unknown" : actor, "admin", details));
        }
    }

    private static Path dataDir(BundleContext context) {
        String data = context.getProperty("lanvan.data");
        return Path.of(data == null ? "data" : data);
    }

    @Deactivate
    void deactivate() {
        setup.shutdownNow();
    }

    /** A valid hash of a random password nobody knows, to spend the same time on unknown users. */
    private static final String DUMMY_HASH = new PasswordHashing().hash(java.util.UUID.randomUUID().toString().toCharArray());
}
