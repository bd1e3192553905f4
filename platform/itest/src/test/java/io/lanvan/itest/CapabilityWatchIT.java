package io.lanvan.itest;

import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * {@code capabilities.watch} on {@code /ws} in real Felix: a socket that asked is told at once which
 * capabilities run, and told again, without asking, when an admin stops and starts one, so pages
 * can say what is paused and recover on their own (docs/protocol.md, "Capabilities").
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CapabilityWatchIT {
    private static final String SIGNALING = "io.lanvan.signaling";
    private static final String RELAY = "io.lanvan.relay";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void watchingSocketsHearWhenSignalingAndTheRelayStopAndStartAgain() throws Exception {
        Https https = new Https(context);
        SocketClient watcher = SocketClient.open(https);
        SocketClient bystander = SocketClient.open(https);
        watcher.send("{\"type\":\"capabilities.watch\",\"id\":\"w1\"}");
        String first = watcher.next(frame -> frame.contains("\"inReplyTo\":\"w1\""));
        assertTrue(first, first.contains("\"type\":\"capabilities\"") && available(first, SIGNALING)
                && available(first, RELAY) && first.contains("\"hello\""));

        Bundle signaling = bundleNamed(SIGNALING);
        signaling.stop();
        try {
            String stopped = watcher.next(frame -> frame.contains("\"type\":\"capabilities\"") && !frame.contains("\"hello\""));
            assertTrue(stopped, stopped.contains("\"stopped\":[\"" + SIGNALING + "\"]") && !available(stopped, SIGNALING));
        } finally {
            signaling.start();
        }
        String back = watcher.next(frame -> frame.contains("\"type\":\"capabilities\"") && frame.contains("\"hello\""));
        assertTrue(back, available(back, SIGNALING) && back.contains("\"stopped\":[]"));

        Bundle relay = bundleNamed(RELAY);
        relay.stop();
        try {
            String relayStopped = watcher.next(frame -> frame.contains("\"stopped\":[\"" + RELAY + "\"]"));
            assertTrue(relayStopped, relayStopped.contains("\"hello\""));
        } finally {
            relay.start();
        }
        String relayBack = watcher.next(frame -> frame.contains("\"type\":\"capabilities\"") && available(frame, RELAY));
        assertTrue(relayBack, relayBack.contains("\"stopped\":[]"));

        // A socket that did not ask gets no capabilities frames: its first frame answers its ping.
        bystander.send("{\"type\":\"ping\",\"id\":\"b1\"}");
        String pong = bystander.next();
        assertTrue(pong, pong.contains("\"type\":\"pong\""));
    }

    @Test
    public void signalingStoppedAndStartedAtOnceIsStillToldAsAStopSoPagesSayHelloAgain() throws Exception {
        SocketClient watcher = SocketClient.open(new Https(context));
        watcher.send("{\"type\":\"capabilities.watch\",\"id\":\"w2\"}");
        watcher.next(frame -> frame.contains("\"inReplyTo\":\"w2\"") && frame.contains("\"hello\""));
        Bundle signaling = bundleNamed(SIGNALING);
        signaling.stop();
        signaling.start();
        // The new signaling instance knows nothing of this socket: it must hear of the gap, however short.
        watcher.next(frame -> frame.contains("\"type\":\"capabilities\"") && !frame.contains("\"hello\""));
        String back = watcher.next(frame -> frame.contains("\"type\":\"capabilities\"") && frame.contains("\"hello\""));
        assertTrue(back, available(back, SIGNALING));
    }

    private static boolean available(String frame, String capability) {
        int start = frame.indexOf("\"available\":[");
        int end = frame.indexOf(']', start);
        return start >= 0 && frame.substring(start, end).contains("\"" + capability + "\"");
    }

    private Bundle bundleNamed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("No bundle " + symbolicName));
    }
}
