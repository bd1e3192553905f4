package io.lanvan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void awaitReturnsTheFirstValueThatMeetsTheCondition() throws Exception {
        AtomicInteger reads = new AtomicInteger();

        int value = Eventually.await(reads::incrementAndGet, n -> n >= 3, Duration.ofSeconds(5));

        assertEquals(3, value);
    }

    @Test
    void awaitReturnsTheLastValueReadWhenTheConditionNeverHolds() throws Exception {
        AtomicInteger reads = new AtomicInteger();

        int value = Eventually.await(reads::incrementAndGet, n -> false, SHORT);

        assertTrue(value > 1, "read more than once before giving up, last " + value);
    }

    @Test
    void awaitTreatsAFailingReadAsNotYet() throws Exception {
        AtomicInteger reads = new AtomicInteger();

        String value = Eventually.await(() -> {
            if (reads.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return "ready";
        }, "ready"::equals, Duration.ofSeconds(5));

        assertEquals("ready", value);
    }

    @Test
    void awaitThrowsTheReadsFailureWhenItStillFailsAtTheDeadline() {
        IOException thrown = assertThrows(IOException.class, () -> Eventually.await(() -> {
            throw new IOException("connection refused");
        }, any -> true, SHORT));

        assertEquals("connection refused", thrown.getMessage());
    }

    @Test
    void withinNamesWhatItWaitedForAndTheLastAnswer() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Eventually.within(SHORT, "the answer is 42", () -> 41, answer -> answer == 42));

        assertTrue(error.getMessage().contains("the answer is 42"), error.getMessage());
        assertTrue(error.getMessage().contains("last answer: 41"), error.getMessage());
    }
}
