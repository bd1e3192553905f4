package io.lanvan.distribution;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls a probe until its answer is accepted or a deadline passes; the tests' only way to wait. */
final class Eventually {
    private Eventually() {
    }

    /**
     * Calls {@code probe} every {@code step} until {@code accepted} holds for its answer, and returns that answer.
     * A probe that throws (connection refused while the server starts) counts as "not yet".
     *
     * @throws AssertionError after {@code timeout}, naming {@code what} and the last answer or exception
     */
    static <T> T within(Duration timeout, Duration step, String what, Callable<T> probe, Predicate<T> accepted)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (true) {
            try {
                T answer = probe.call();
                if (accepted.test(answer)) {
                    return answer;
                }
                last = "last answer: " + answer;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = "last failure: " + e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Not true within " + timeout.toSeconds() + " s: " + what + " (" + last + ")");
            }
            Thread.sleep(step.toMillis());
        }
    }
}
