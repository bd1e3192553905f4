package io.lanvan.itest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls until a value satisfies a condition, or a deadline passes: tests wait for asynchronous work without sleeps. */
final class Eventually {
    private Eventually() {
    }

    /**
     * The first value that satisfies {@code condition}, or the last one read when {@code within} has
     * passed. A read that throws counts as "not yet" until the deadline, then its exception is thrown.
     */
    static <T> T await(Callable<T> read, Predicate<T> condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                T last = read.call();
                if (condition.test(last) || System.nanoTime() >= deadline) {
                    return last;
                }
            } catch (Exception | AssertionError notYet) {
                if (System.nanoTime() >= deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(50);
        }
    }
}
