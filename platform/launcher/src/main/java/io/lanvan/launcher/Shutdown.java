package io.lanvan.launcher;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Runs the stop action once on SIGTERM or SIGINT. Handling the signals ourselves (rather than only
 * a shutdown hook) lets the process exit 0 after a clean stop instead of the JVM's 143/130; the
 * shutdown hook remains for other exits.
 */
final class Shutdown {
    private Shutdown() {
    }

    static void onSignal(Runnable stop) {
        AtomicBoolean once = new AtomicBoolean();
        Runnable stopOnce = () -> {
            if (once.compareAndSet(false, true)) {
                stop.run();
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> new Thread(stopOnce, "lanvan-stop").start());
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                LoggerFactory.getLogger(Shutdown.class).debug("Signal {} cannot be handled here", name);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stopOnce, "lanvan-shutdown-hook"));
    }
}
