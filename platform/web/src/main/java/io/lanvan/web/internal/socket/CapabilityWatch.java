package io.lanvan.web.internal.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanvan.api.platform.BundleKind;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * Tells the sockets that sent {@value #WATCH} which capabilities run, which are stopped and which
 * message types are answered: at once, and again after every change. Pages use it to say in plain
 * words what is paused and to say hello again when signaling returns, instead of finding out from
 * a failed request. Additions are coalesced for {@value #COALESCE_MS} ms (a bundle start adds
 * several services one after the other) and only a set that differs from the last one is sent.
 * A removal is sent at once: a handler stopped and started again within the coalescing delay
 * would otherwise look unchanged, and its sockets would never learn that it forgot them.
 */
final class CapabilityWatch implements BundleListener {
    static final String WATCH = "capabilities.watch";
    static final String FRAME = "capabilities";
    static final long COALESCE_MS = 100;

    /** What the frame lists; sorted, so equal sets compare and print equal. */
    record Snapshot(SortedSet<String> available, SortedSet<String> stopped, SortedSet<String> types) {}

    private final BundleContext context;
    private final Supplier<Set<String>> answeredTypes;
    private final ObjectMapper json;
    private final ScheduledExecutorService timers;
    private final Set<SocketConnection> watchers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean broadcastPending = new AtomicBoolean();
    private final Object sendLock = new Object();
    private Snapshot lastSent;

    CapabilityWatch(BundleContext context, Supplier<Set<String>> answeredTypes, ObjectMapper json,
                    ScheduledExecutorService timers) {
        this.context = context;
        this.answeredTypes = answeredTypes;
        this.json = json;
        this.timers = timers;
    }

    void start() {
        context.addBundleListener(this);
    }

    void stop() {
        try {
            context.removeBundleListener(this);
        } catch (IllegalStateException bundleStopping) {
            // The listener goes with the bundle anyway.
        }
        watchers.clear();
    }

    /** Adds the socket to the watchers and answers with the current set, echoing the request's id. */
    void watch(SocketConnection connection, String inReplyTo) {
        // Under the lock so that a broadcast cannot slip in between and leave this socket one change behind.
        synchronized (sendLock) {
            Snapshot now = snapshot();
            watchers.add(connection);
            connection.send(frame(now, inReplyTo));
        }
    }

    void forget(SocketConnection connection) {
        watchers.remove(connection);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        BundleKind kind = BundleKind.of(event.getBundle());
        if (kind == BundleKind.CAPABILITY || kind == BundleKind.PLUGIN) {
            changed();
        }
    }

    /** Something went away (a handler's types): tells the watchers now, before it can come back. */
    void removed() {
        broadcast();
    }

    /** Something may have changed: tells the watchers once things have settled for a moment. */
    void changed() {
        if (broadcastPending.compareAndSet(false, true)) {
            try {
                timers.schedule(this::broadcast, COALESCE_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                broadcastPending.set(false);
            }
        }
    }

    private void broadcast() {
        broadcastPending.set(false);
        synchronized (sendLock) {
            Snapshot now = snapshot();
            if (now.equals(lastSent)) {
                return;
            }
            lastSent = now;
            String frame = frame(now, null);
            watchers.removeIf(connection -> !connection.isOpen());
            watchers.forEach(connection -> connection.send(frame));
        }
    }

    Snapshot snapshot() {
        SortedSet<String> available = new TreeSet<>();
        SortedSet<String> stopped = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            BundleKind kind = BundleKind.of(bundle);
            if ((kind != BundleKind.CAPABILITY && kind != BundleKind.PLUGIN) || bundle.getSymbolicName() == null) {
                continue;
            }
            boolean running = bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
            (running ? available : stopped).add(bundle.getSymbolicName());
        }
        return new Snapshot(available, stopped, new TreeSet<>(answeredTypes.get()));
    }

    /** {@code {"type":"capabilities","available":[...],"stopped":[...],"types":[...]}}, as docs/protocol.md shows. */
    String frame(Snapshot snapshot, String inReplyTo) {
        ObjectNode frame = json.createObjectNode().put("type", FRAME);
        if (inReplyTo != null) {
            frame.put("inReplyTo", inReplyTo);
        }
        snapshot.available().forEach(frame.putArray("available")::add);
        snapshot.stopped().forEach(frame.putArray("stopped")::add);
        snapshot.types().forEach(frame.putArray("types")::add);
        return frame.toString();
    }
}
