package io.lanvan.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/** Signaling and relay in real Felix over real TLS: presence, an offer accepted, frames relayed, capabilities stopped. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransferSignalingIT {
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";
    private static final String SHARE = "{\"publicKey\":\"" + KEY + "\",\"signature\":\"" + KEY + "\"}";
    private static final Pattern PEER_ID = Pattern.compile("\"self\":\\{\"peerId\":\"([^\"]+)\"");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void twoDevicesSeeEachOtherAndAnOfferIsRelayedEndToEnd() throws Exception {
        Https https = new Https(context);
        SocketClient ana = SocketClient.open(https);
        TestDevice anaDevice = TestDevice.generate();
        String anaId = peerIdIn(anaDevice.hello(ana, "Ana", https.host()));
        SocketClient bob = SocketClient.open(https);
        String welcome = TestDevice.generate().hello(bob, "Bob", https.host());
        String bobId = peerIdIn(welcome);
        assertTrue(welcome, welcome.contains("\"name\":\"Ana\""));
        assertTrue(welcome, welcome.contains("\"relay\":true"));
        assertTrue(ana.next(frame -> frame.contains("\"type\":\"peer.joined\"")).contains("\"name\":\"Bob\""));

        String transferId = "transfer-" + System.nanoTime();
        ana.send("{\"type\":\"transfer.offer\",\"to\":\"" + bobId + "\",\"transferId\":\"" + transferId
                + "\",\"route\":\"relay\",\"files\":[{\"name\":\"a.bin\",\"size\":3000000}],\"totalBytes\":3000000,\"keyShare\":" + SHARE + "}");
        assertTrue(bob.next(frame -> frame.contains("transfer.offer")).contains("\"from\":\"" + anaId + "\""));
        bob.send("{\"type\":\"transfer.accept\",\"to\":\"" + anaId + "\",\"transferId\":\"" + transferId + "\",\"keyShare\":" + SHARE + "}");
        String anaTicket = tokenIn(ana.next(frame -> frame.contains("\"type\":\"transfer.accept\"")));
        String bobTicket = tokenIn(bob.next(frame -> frame.contains("\"type\":\"transfer.relay\"")));

        SocketClient anaRelay = SocketClient.open(https, "/ws/relay/" + transferId + "?token=" + anaTicket);
        SocketClient bobRelay = SocketClient.open(https, "/ws/relay/" + transferId + "?token=" + bobTicket);
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            byte[] chunk = new byte[250_000];
            random.nextBytes(chunk);
            anaRelay.sendBinary(chunk);
            assertArrayEquals("chunk " + i, chunk, bobRelay.nextBinary());
        }
        bobRelay.sendBinary(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, anaRelay.nextBinary());

        String transfer = transferId;
        String trail = Eventually.await(() -> auditTrailOf(transfer), text -> text.contains("transfer.accepted"),
                java.time.Duration.ofSeconds(15));
        assertTrue(trail, trail.contains("transfer.offered") && trail.contains("bytes=3000000") && trail.contains("actor=device:" + anaDevice.deviceId));

        SocketClient intruder = SocketClient.open(https, "/ws/relay/" + transferId + "?token=" + anaTicket);
        assertEquals(Integer.valueOf(1008), intruder.closed.get(10, TimeUnit.SECONDS));
        anaRelay.send("not binary");
        assertEquals(Integer.valueOf(1003), anaRelay.closed.get(10, TimeUnit.SECONDS));
        assertEquals("the other side is closed too", Integer.valueOf(1003), bobRelay.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void stoppingTheRelayClosesItsRouteAndSignalingSaysSo() throws Exception {
        Https https = new Https(context);
        Bundle relay = bundleNamed("io.lanvan.relay");
        relay.stop();
        try {
            SocketClient carol = SocketClient.open(https);
            String welcome = TestDevice.generate().hello(carol, "Carol", https.host());
            assertTrue(welcome, welcome.contains("\"relay\":false"));
            assertEquals(404, https.await("/ws/relay/transfer-x", response -> response.statusCode() == 404,
                    java.time.Duration.ofSeconds(15)).statusCode());
        } finally {
            relay.start();
        }
        assertEquals(426, https.await("/ws/relay/transfer-x", response -> response.statusCode() == 426,
                java.time.Duration.ofSeconds(15)).statusCode());
    }

    @Test
    public void whileSignalingIsStoppedItsMessagesAnswerCapabilityUnavailable() throws Exception {
        Https https = new Https(context);
        Bundle signaling = bundleNamed("io.lanvan.signaling");
        signaling.stop();
        try {
            SocketClient dave = SocketClient.open(https);
            String error = TestDevice.generate().hello(dave, "Dave", https.host());
            assertTrue(error, error.contains("\"code\":\"capability-unavailable\""));
        } finally {
            signaling.start();
        }
        SocketClient dave = SocketClient.open(https);
        TestDevice daveDevice = TestDevice.generate();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String answer;
        do {
            answer = daveDevice.hello(dave, "Dave", https.host());
        } while (!answer.contains("welcome") && System.nanoTime() < deadline);
        assertTrue(answer, answer.contains("\"type\":\"welcome\""));
    }

    /** The audit records about one transfer, as "action actor=... details..." lines. */
    private String auditTrailOf(String transferId) {
        io.lanvan.api.audit.AuditLog audit = context.getService(context.getServiceReference(io.lanvan.api.audit.AuditLog.class));
        StringBuilder lines = new StringBuilder();
        audit.query(io.lanvan.api.audit.AuditQuery.oldestFirst(50).withFilter(
                new io.lanvan.api.audit.AuditFilter(null, null, "transfer.", null, transferId, null)))
                .records().forEach(record -> lines.append(record.action()).append(" actor=").append(record.actor())
                        .append(' ').append(record.details()).append('\n'));
        return lines.toString();
    }

    private static String peerIdIn(String welcome) {
        Matcher matcher = PEER_ID.matcher(welcome);
        assertTrue(welcome, matcher.find());
        return matcher.group(1);
    }

    private static String tokenIn(String frame) {
        Matcher matcher = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(frame);
        assertTrue(frame, matcher.find());
        return matcher.group(1);
    }

    private Bundle bundleNamed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("No bundle " + symbolicName));
    }
}
