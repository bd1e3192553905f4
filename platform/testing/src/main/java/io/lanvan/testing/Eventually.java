package io.lanvan.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The tests' one way to wait for asynchronous work: poll a probe until its answer is accepted or a
 * deadline passes (Awaitility underneath), never a sleep.
 *
 * <p>Awaitility's catching of uncaught exceptions is off: it would install a JVM-wide handler and fail the
 * wait for any thread's exception, and in Pax Exam the test shares its JVM with the whole server.
 */
public final class Eventually {
    private static final Duration DEFAULT_STEP = Duration.ofMillis(50);

    private Eventually() {
    }

    /**
     * Calls {@code probe} every {@code step} until {@code accepted} holds for its answer, and returns that
     * answer. A probe that throws (connection refused while a server starts) counts as "not yet".
     *
     * @throws AssertionError after {@code timeout}, naming {@code what} and the last answer or failure
     */
    public static <T> T within(Duration timeout, Duration step, String what, Callable<T> probe, Predicate<T> accepted) {
        AtomicReference<String> last = new AtomicReference<>("no answer yet");
        AtomicReference<T> answer = new AtomicReference<>();
        try {
            Awaitility.await(what)
                    .dontCatchUncaughtExceptions()
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(step)
                    .until(() -> {
                        try {
                            T value = probe.call();
                            answer.set(value);
                            last.set("last answer: " + value);
                            return accepted.test(value);
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception | AssertionError notYet) {
                            last.set("last failure: " + notYet);
                            return false;
                        }
                    });
            return answer.get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Not true within " + timeout.toMillis() + " ms: " + what + " (" + last.get() + ")");
        }
    }

    /** {@link #within(Duration, Duration, String, Callable, Predicate)} polling every 50 ms. */
    public static <T> T within(Duration timeout, String what, Callable<T> probe, Predicate<T> accepted) {
        return within(timeout, DEFAULT_STEP, what, probe, accepted);
    }

    /**
     * Reads until {@code condition} holds for the value read, and returns that value; when {@code within} has
     * passed, returns the last value read instead, so that the test's own assertion on it says what was wrong.
     * A read that throws counts as "not yet" until the deadline, then its failure is thrown.
     */
    public static <T> T await(Callable<T> read, Predicate<T> condition, Duration within) throws Exception {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            // in the caller's thread: a slow read finishes and counts, as it would in a plain loop
            Awaitility.await()
                    .dontCatchUncaughtExceptions()
                    .pollInSameThread()
                    .atMost(within)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(DEFAULT_STEP)
                    .until(() -> {
                        try {
                            T value = read.call();
                            last.set(value);
                            failure.set(null);
                            return condition.test(value);
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception | AssertionError notYet) {
                            failure.set(notYet);
                            return false;
                        }
                    });
            return last.get();
        } catch (ConditionTimeoutException timedOut) {
            Throwable notYet = failure.get();
            if (notYet instanceof Exception e) {
                throw e;
            }
            if (notYet instanceof AssertionError e) {
                throw e;
            }
            return last.get();
        }
    }

    /** Waits until {@code condition} is true. */
    public static void until(Duration timeout, String what, Callable<Boolean> condition) {
        within(timeout, DEFAULT_STEP, what, condition, Boolean.TRUE::equals);
    }

    /** Waits until {@code assertion} stops throwing, then returns; the last failure is in the error otherwise. */
    public static void untilAsserted(Duration timeout, String what, Runnable assertion) {
        within(timeout, DEFAULT_STEP, what, () -> {
            assertion.run();
            return true;
        }, Boolean.TRUE::equals);
    }
}
