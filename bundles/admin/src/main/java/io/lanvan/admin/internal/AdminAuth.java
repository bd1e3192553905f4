package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * Admin sign-in: checks passwords (Argon2id) a bounded number at a time, within the limits of
 * {@link SignInThrottle}, keeps sessions, changes passwords, carries out password resets an
 * operator requested from the server's shell, and records what happens in the audit log.
 *
 * <p>Disabled until {@link FirstAccount} has made sure an account exists, so that nothing that
 * needs it (the REST resources, the gate) is ready before an admin can sign in.
 */
@Component(service = AdminAuth.class, configurationPid = AdminConfig.PID, enabled = false)
@Designate(ocd = AdminConfig.class)
public final class AdminAuth {
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);
    private static final Duration RESET_POLL = Duration.ofSeconds(2);

    /** What a sign-in attempt came to. */
    sealed interface SignIn permits SignedIn, Refused, Locked, Busy {}

    record SignedIn(String token, String csrfToken, boolean mustChangePassword) implements SignIn {}

    record Refused() implements SignIn {}

    record Locked(Instant until) implements SignIn {}

    /** Too many passwords are being checked right now, or this minute: retry after the given time. */
    record Busy(Duration retryAfter) implements SignIn {}

    private final AdminAccounts accounts;
    private final PasswordHashing hashing = new PasswordHashing();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Path dataDir;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final ScheduledExecutorService resets = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "lanvan-admin-password-reset"));
    private volatile AdminConfig config;
    /** Each Argon2 check takes 19 MiB: bounding how many run at once bounds the memory sign-in can take. */
    private volatile Semaphore checking;
    /** Optional and dynamic: sign-in keeps working while the audit capability is unavailable. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public AdminAuth(BundleContext context, @Reference AdminAccounts accounts, AdminConfig config) {
        this(accounts, config, Clock.systemUTC(), FirstAccount.dataDir(context));
        resets.scheduleWithFixedDelay(this::resetRequestedPassword, 0, RESET_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    AdminAuth(AdminAccounts accounts, AdminConfig config, Clock clock, Path dataDir) {
        this.accounts = accounts;
        this.clock = clock;
        this.dataDir = dataDir;
        this.sessions = new Sessions(clock, Duration.ofMinutes(config.sessionMinutes()), Duration.ofHours(config.sessionMaxHours()));
        this.throttle = new SignInThrottle(clock);
        modified(config);
    }

    @Modified
    void modified(AdminConfig config) {
        this.config = config;
        this.checking = new Semaphore(Math.max(1, config.concurrentSignIns()));
        sessions.limits(Duration.ofMinutes(config.sessionMinutes()), Duration.ofHours(config.sessionMaxHours()));
    }

    SignIn signIn(String username, char[] password, String address) {
        Optional<Instant> locked = throttle.lockedUntil(username, address);
        if (locked.isPresent()) {
            return new Locked(locked.get());
        }
        Semaphore permits = checking;
        if (!permits.tryAcquire()) {
            return new Busy(Duration.ofSeconds(1));
        }
        try {
            SignInThrottle.Admission admission = throttle.admit(username, address, limits());
            if (admission instanceof SignInThrottle.Locked lock) {
                return new Locked(lock.until());
            }
            if (admission instanceof SignInThrottle.Busy busy) {
                return new Busy(busy.retryAfter());
            }
            return check(username, password, (SignInThrottle.Admitted) admission);
        } finally {
            permits.release();
        }
    }

    private SignIn check(String username, char[] password, SignInThrottle.Admitted attempt) {
        Optional<AdminAccount> account = accounts.find(username);
        // Hash even for an unknown user, so the answer takes as long either way.
        boolean valid = hashing.verify(password, account.map(AdminAccount::passwordHash).orElse(DUMMY_HASH)) && account.isPresent();
        if (!valid) {
            record("admin.signin.failed", username, Map.of("address", attempt.address()));
            if (attempt.locks()) {
                record("admin.signin.locked", username, Map.of("address", attempt.address(), "until", attempt.lockedUntil().toString()));
            }
            return new Refused();
        }
        throttle.succeeded(attempt);
        StringBuilder csrf = new StringBuilder();
        String token = sessions.start(username, account.get().mustChangePassword(), csrf);
        record("admin.signin", username, Map.of("address", attempt.address()));
        return new SignedIn(token, csrf.toString(), account.get().mustChangePassword());
    }

    private SignInThrottle.Limits limits() {
        AdminConfig current = config;
        return new SignInThrottle.Limits(Math.max(1, current.lockoutAfterFailures()),
                Duration.ofMinutes(Math.max(1, current.lockoutMinutes())), Math.max(1, current.signInsPerMinute()));
    }

    Optional<AdminSession> session(String token) {
        return sessions.find(token);
    }

    void signOut(String token, String username) {
        sessions.end(token);
        record("admin.signout", username, Map.of());
    }

    /**
     * Changes the password of a signed-in admin, recorded in the audit log first ({@code recordFirst}
     * throws when it cannot be); returns why not, naming the field, when refused.
     */
    Optional<String> changePassword(String token, String username, char[] current, char[] replacement, Runnable recordFirst) {
        if (replacement.length < MIN_PASSWORD_LENGTH || replacement.length > 256) {
            return Optional.of("newPassword must be " + MIN_PASSWORD_LENGTH + "-256 characters");
        }
        if (Arrays.equals(current, replacement)) {
            return Optional.of("newPassword must differ from the current password");
        }
        Semaphore permits = checking;
        try {
            if (!permits.tryAcquire(5, TimeUnit.SECONDS)) {
                return Optional.of("the server is busy checking passwords; try again in a few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the server is stopping");
        }
        String hash;
        try {
            AdminAccount account = accounts.find(username).orElse(null);
            if (account == null || !hashing.verify(current, account.passwordHash())) {
                return Optional.of("currentPassword is wrong");
            }
            hash = hashing.hash(replacement);
        } finally {
            permits.release();
        }
        recordFirst.run();
        accounts.update(new AdminAccount(username, hash, false, clock.instant()));
        sessions.passwordChanged(token);
        sessions.endOthers(username, token);
        return Optional.empty();
    }

    /** Carries out a reset an operator asked for with {@code bin/lanvan admin reset-password}, if any. */
    private void resetRequestedPassword() {
        try {
            Optional<String> username = PasswordReset.requested(dataDir);
            if (username.isEmpty()) {
                return;
            }
            AuditLog log = audit;
            if (log == null) {
                LOG.warn("A password reset for '{}' waits for the audit capability, which records it", username.get());
                return;
            }
            if (accounts.find(username.get()).isEmpty()) {
                LOG.warn("Password reset requested for '{}', which is no admin account; request ignored", username.get());
                PasswordReset.done(dataDir);
                return;
            }
            AuditTrail.recordFirst(log, AuditTrail.event("admin.password.reset", AuditEvent.SYSTEM, username.get(),
                    Map.of("requestedFrom", "server shell")));
            char[] password = InitialPassword.generate(random);
            accounts.update(new AdminAccount(username.get(), hashing.hash(password), true, clock.instant()));
            Path file = InitialPassword.write(dataDir, password);
            Arrays.fill(password, '\0');
            sessions.endAll(username.get());
            throttle.forgive(username.get());
            PasswordReset.done(dataDir);
            LOG.info("Reset the password of admin '{}' as requested from the server's shell; the new one is in {}", username.get(), file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("A requested password reset could not be carried out yet (retrying): {}", e.toString());
        }
    }

    private void record(String action, String actor, Map<String, String> details) {
        AuditLog log = audit;
        if (log != null) {
            AuditTrail.recordLater(log, AuditTrail.event(action, actor.isBlank() ? "unknown" : actor, "admin", details));
        }
    }

    @Deactivate
    void deactivate() {
        // not shutdownNow(): an interrupt in the middle of a query closes H2's file channels under every
        // schema; the periodic check is cancelled by shutdown() and a running one ends by itself
        resets.shutdown();
    }

    /** A valid hash of a random password nobody knows, to spend the same time on unknown users. */
    private static final String DUMMY_HASH = new PasswordHashing().hash(java.util.UUID.randomUUID().toString().toCharArray());
}
