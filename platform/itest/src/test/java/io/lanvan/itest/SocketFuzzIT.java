package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.testing.Eventually;
import io.lanvan.testing.TestDevice;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Fuzzes {@code /ws} and the relay with seeded random, malformed, boundary and out-of-order frames
 * of every message type (docs/protocol.md) from several connections at once, while honest devices
 * stay connected in the same network room (127.0.0.1) and in another (127.0.0.2). Every frame must
 * get its documented answer (never {@code server-error}), the honest devices must still work
 * afterwards, and nothing may reach the other room. The seed is fixed, so the build sends the same
 * frames every time, and every failure names it; {@code -Dlanvan.fuzz.seed=<n>} sends another
 * sequence (or replays one).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SocketFuzzIT {
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";
    private static final String SHARE = "{\"publicKey\":\"" + KEY + "\",\"signature\":\"" + KEY + "\"}";
    private static final Pattern PEER_ID = Pattern.compile("\"self\":\\{\"peerId\":\"([^\"]+)\"");
    private static final Pattern IN_REPLY_TO = Pattern.compile("\"inReplyTo\":\"([^\"]*)\"");
    private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]*)\"");
    private static final Set<String> DOCUMENTED = Set.of("malformed-json", "invalid-frame", "unknown-type", "invalid-field",
            "binary-not-accepted", "hello-required", "peer-unavailable", "pairing-failed", "relay-unavailable", "policy-refused",
            "limit-reached", "identity-refused", "protocol-outdated");
    private static final int FUZZERS = 4;
    private static final int FRAMES_PER_FUZZER = 2_600;
    private static final int BATCH = 100;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @After
    public void restoreDefaults() throws Exception {
        configurations.getConfiguration("io.lanvan.signaling", "?").delete();
        configurations.getConfiguration("io.lanvan.policy", "?").delete();
    }

    @Test
    public void randomAndMalformedFramesGetTheirDocumentedAnswersAndNeverCrossRooms() throws Exception {
        long seed = Long.getLong("lanvan.fuzz.seed", 20_261_203L);
        String replay = "seed " + seed + " (replay with -Dlanvan.fuzz.seed=" + seed + ")";
        Https https = new Https(context);
        assertEquals(200, https.await("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60)).statusCode());
        prepare();

        SocketClient ana = SocketClient.open(https);
        String anaId = hello(ana, https);
        SocketClient bob = SocketClient.open(https);
        String bobId = hello(bob, https);
        InetAddress otherNetwork = InetAddress.getByName("127.0.0.2");
        BoundSocket carol = BoundSocket.open(context, otherNetwork, "/ws");
        String carolWelcome = roomBDevice().hello(carol::send, carol::next, "fuzz-room-b-carol", https.host());
        String carolId = peerIdIn(carolWelcome);
        assertTrue("another network room starts empty: " + carolWelcome, carolWelcome.contains("\"peers\":[]"));
        BoundSocket dave = BoundSocket.open(context, otherNetwork, "/ws");
        String daveId = peerIdIn(roomBDevice().hello(dave::send, dave::next, "fuzz-room-b-dave", https.host()));

        List<String> roomA = Collections.synchronizedList(new ArrayList<>(List.of(anaId, bobId, "fuzz-room-a", "fz")));
        ExecutorService pool = Executors.newFixedThreadPool(FUZZERS);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < FUZZERS; i++) {
            Fuzzer fuzzer = new Fuzzer(new Random(seed + i), i, replay, List.of(anaId, bobId, carolId, daveId, "p-nobody"), roomA, https);
            runs.add(pool.submit(fuzzer::run));
        }
        int frames = 0;
        try {
            for (Future<Integer> run : runs) {
                frames += run.get(120, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(replay + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        frames += fuzzRelay(https, new Random(seed), replay);
        assertTrue("frames sent: " + frames, frames >= 10_000);

        // the honest devices of both rooms still work: an offer and its accept, in each room
        exchange(ana, anaId, bob, bobId, "fuzz-after-a");
        carol.send(offer(daveId, "fuzz-after-b"));
        dave.next(frame -> frame.contains("transfer.offer") && frame.contains("fuzz-after-b"));
        dave.send("{\"type\":\"transfer.accept\",\"to\":\"" + carolId + "\",\"transferId\":\"fuzz-after-b\",\"keyShare\":" + SHARE + "}");
        carol.next(frame -> frame.contains("\"type\":\"transfer.accept\"") && frame.contains("fuzz-after-b"));

        for (BoundSocket other : List.of(carol, dave)) {
            for (String frame : other.frames) {
                for (String marker : roomA) {
                    assertTrue(replay + ": a frame of room A reached room B: " + frame, !frame.contains(marker));
                }
            }
            assertTrue("room B devices stay connected", !other.closed.isDone());
        }
        assertTrue("room A devices stay connected", !ana.closed.isDone() && !bob.closed.isDone());
    }

    /** Relay connections with unknown, used and missing tickets, text and oversized frames; a real pair still forwards. */
    private int fuzzRelay(Https https, Random random, String replay) throws Exception {
        SocketClient ana = SocketClient.open(https);
        String anaId = hello(ana, https);
        SocketClient bob = SocketClient.open(https);
        String bobId = hello(bob, https);
        int frames = 0;
        for (int i = 0; i < 20; i++) {
            String path = switch (i % 4) {
                case 0 -> "/ws/relay/" + randomId(random) + "?token=" + randomId(random);
                case 1 -> "/ws/relay/x?token=";
                case 2 -> "/ws/relay/" + randomId(random);
                default -> "/ws/relay/" + "a".repeat(70) + "?token=%00";
            };
            SocketClient stranger = SocketClient.open(https, path);
            assertEquals(replay + ": " + path, Integer.valueOf(1008), stranger.closed.get(10, TimeUnit.SECONDS));
        }
        String transferId = "fuzz-relay-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        ana.send(offer(bobId, transferId).replace("\"route\":\"auto\"", "\"route\":\"relay\""));
        bob.next(frame -> frame.contains("transfer.offer"));
        bob.send("{\"type\":\"transfer.accept\",\"to\":\"" + anaId + "\",\"transferId\":\"" + transferId + "\",\"keyShare\":" + SHARE + "}");
        String anaToken = field(ana.next(frame -> frame.contains("\"type\":\"transfer.accept\"")), "token");
        String bobToken = field(bob.next(frame -> frame.contains("\"type\":\"transfer.relay\"")), "token");
        SocketClient anaRelay = SocketClient.open(https, "/ws/relay/" + transferId + "?token=" + anaToken);
        SocketClient bobRelay = SocketClient.open(https, "/ws/relay/" + transferId + "?token=" + bobToken);
        SocketClient again = SocketClient.open(https, "/ws/relay/" + transferId + "?token=" + anaToken);
        assertEquals(Integer.valueOf(1008), again.closed.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < 200; i++) {
            byte[] chunk = new byte[random.nextInt(4) == 0 ? 256 * 1024 + 64 : random.nextInt(2048)];
            random.nextBytes(chunk);
            anaRelay.sendBinary(chunk);
            byte[] arrived = bobRelay.nextBinary();
            assertTrue(replay + ": relayed frame " + i + " changed", java.util.Arrays.equals(chunk, arrived));
            frames++;
        }
        anaRelay.sendBinary(new byte[256 * 1024 + 65]);
        assertEquals(Integer.valueOf(1009), anaRelay.closed.get(10, TimeUnit.SECONDS));
        bobRelay.closed.get(10, TimeUnit.SECONDS);
        return frames + 22;
    }

    /** One connection sending random frames, checking that each got its documented answer. */
    private final class Fuzzer {
        private final Random random;
        private final int number;
        /** Names the fuzzer and the seed in every failure, so that it can be replayed. */
        private final String name;
        private final List<String> targets;
        private final List<String> roomA;
        private final Https https;
        private int sequence;

        Fuzzer(Random random, int number, String replay, List<String> targets, List<String> roomA, Https https) {
            this.random = random;
            this.number = number;
            this.name = "fuzzer " + number + ", " + replay;
            this.targets = targets;
            this.roomA = roomA;
            this.https = https;
        }

        int run() throws Exception {
            SocketClient client = SocketClient.open(https);
            int sent = 0;
            boolean greeted = false;
            while (sent < FRAMES_PER_FUZZER) {
                List<Sent> batch = new ArrayList<>();
                for (int i = 0; i < BATCH && (greeted || sent + i < 30); i++) {
                    batch.add(greeted ? randomFrame(client) : beforeHello(client));
                }
                sent += batch.size();
                check(client, batch);
                if (!greeted) {
                    // hello takes two round trips (challenge, proof): said between batches, when nothing else is in flight
                    String welcome = TestDevice.generate().hello(client::send, client::next, "fz-device-" + number, https.host());
                    assertTrue(name + ": " + welcome, welcome.contains("\"type\":\"welcome\""));
                    roomA.add(peerIdIn(welcome));
                    greeted = true;
                    sent += 2;
                }
            }
            assertTrue(name + " stays connected", !client.closed.isDone());
            client.socket.abort();
            return sent;
        }

        /** Sends a ping and checks every answer that came before its pong against what each frame expects. */
        private void check(SocketClient client, List<Sent> batch) throws Exception {
            String sync = "sync-" + number + "-" + sequence++;
            client.send("{\"type\":\"ping\",\"id\":\"" + sync + "\"}");
            Map<String, String> byId = new HashMap<>();
            List<String> withoutId = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                String frame = client.frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertTrue(name + ": no pong within 20 s", frame != null);
                if (frame.contains("\"type\":\"pong\"") && frame.contains(sync)) {
                    break;
                }
                if (frame.contains("\"type\":\"welcome\"")) {
                    Matcher self = PEER_ID.matcher(frame);
                    if (self.find()) {
                        roomA.add(self.group(1));
                    }
                }
                Matcher reply = IN_REPLY_TO.matcher(frame);
                if (reply.find()) {
                    assertTrue("two answers to " + reply.group(1), byId.put(reply.group(1), frame) == null);
                } else if (frame.contains("\"type\":\"error\"")) {
                    withoutId.add(code(frame));
                }
            }
            List<String> expectedWithoutId = new ArrayList<>();
            for (Sent sent : batch) {
                if (sent.id == null) {
                    expectedWithoutId.add(sent.expected.iterator().next());
                    continue;
                }
                String answer = byId.get(sent.id);
                if (sent.expected.isEmpty()) {
                    assertTrue(name + ": " + sent.frame + " -> " + answer,
                            answer == null || !answer.contains("\"type\":\"error\"") || DOCUMENTED.contains(code(answer)));
                } else if (sent.expected.contains("welcome") || sent.expected.contains("capabilities")) {
                    String type = sent.expected.iterator().next();
                    assertTrue(name + ": " + sent.frame + " -> " + answer, answer != null && answer.contains("\"type\":\"" + type + "\""));
                } else {
                    assertTrue(name + ": " + abbreviated(sent.frame) + " expected " + sent.expected + " -> " + answer,
                            answer != null && sent.expected.contains(code(answer)));
                }
            }
            Collections.sort(expectedWithoutId);
            Collections.sort(withoutId);
            assertEquals(name + ": errors without an id", expectedWithoutId, withoutId);
        }

        private Sent beforeHello(SocketClient client) throws Exception {
            String type = pick("rename", "pair.create", "pair.join", "pair.confirm", "pair.reject", "signal", "transfer.offer", "transfer.accept",
                    "transfer.decline", "transfer.cancel", "transfer.report", "hello.proof");
            return send(client, "{\"type\":\"" + type + "\",\"id\":\"" + nextId() + "\"}", Set.of("hello-required"));
        }

        private Sent randomFrame(SocketClient client) throws Exception {
            int kind = random.nextInt(100);
            if (kind < 6) {
                String garbage = pick("{", "{\"type\":", "[1,2", "nul", "\"unterminated", "{\"type\":\"ping\",}",
                        "\u0000", "{\"a\":" + "[".repeat(20));
                return sendWithoutId(client, garbage, "malformed-json");
            }
            if (kind < 10) {
                return sendWithoutId(client, pick("[]", "42", "\"text\"", "null", "true", "{\"type\":\"ping\",\"id\":7}",
                        "{\"type\":\"rename\",\"id\":\"" + "i".repeat(129) + "\"}", "{\"type\":\"ping\",\"id\":{}}"),
                        "invalid-frame");
            }
            if (kind < 14) {
                String id = nextId();
                return send(client, pick("{\"id\":\"" + id + "\"}", "{\"type\":3,\"id\":\"" + id + "\"}",
                        "{\"type\":\"Bad Type\",\"id\":\"" + id + "\"}", "{\"type\":\"" + "t".repeat(65) + "\",\"id\":\"" + id + "\"}",
                        "{\"type\":\"\",\"id\":\"" + id + "\"}"), id, Set.of("invalid-frame"));
            }
            if (kind < 17) {
                String id = nextId();
                return send(client, "{\"type\":\"" + pick("presence.join", "transfer.push", "x", "pair.delete", "relay.open")
                        + "\",\"id\":\"" + id + "\"}", id, Set.of("unknown-type"));
            }
            if (kind < 18) {
                // Watching again is answered again, whatever else the frame carries; it never registers the socket twice.
                String id = nextId();
                return send(client, "{\"type\":\"capabilities.watch\",\"id\":\"" + id + "\"" + pick("", ",\"x\":[1]",
                        ",\"types\":\"" + "w".repeat(300) + "\"", ",\"available\":null") + "}", id, Set.of("capabilities"));
            }
            if (kind < 20) {
                byte[] bytes = new byte[random.nextInt(512)];
                random.nextBytes(bytes);
                client.sendBinary(bytes);
                return new Sent(null, "<binary>", Set.of("binary-not-accepted"));
            }
            return mutatedMessage(client);
        }

        /** A message of a known type, valid or with one required field broken. */
        private Sent mutatedMessage(SocketClient client) throws Exception {
            String id = nextId();
            String to = targets.get(random.nextInt(targets.size()));
            String transferId = "fz-" + number + "-transfer-" + random.nextInt(40);
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            String type = pick("hello", "hello.proof", "rename", "pair.create", "pair.join", "pair.confirm", "pair.reject", "signal", "transfer.offer", "transfer.accept",
                    "transfer.decline", "transfer.cancel", "transfer.report");
            switch (type) {
                case "hello" -> {
                    fields.put("protocol", "2");
                    fields.put("deviceId", quoted("fz-again-" + number));
                    fields.put("name", quoted("Again"));
                    fields.put("platform", quoted("linux"));
                    fields.put("identityKey", quoted(KEY));
                }
                case "hello.proof" -> fields.put("signature", quoted("A".repeat(86)));
                case "rename" -> fields.put("name", quoted(pick("fz " + number, "x".repeat(64), "  fz  ", "fz\u00e9\u4e2d")));
                case "pair.join", "pair.confirm", "pair.reject" -> fields.put("code", quoted(String.format("%06d", random.nextInt(1_000_000))));
                case "signal" -> {
                    fields.put("to", quoted(to));
                    fields.put("transferId", quoted(transferId));
                    fields.put("data", "{\"sdp\":\"fz\",\"n\":" + random.nextInt() + "}");
                }
                case "transfer.offer" -> {
                    long size = pickLong(0, 1, 1L << 40, Long.MAX_VALUE / 2 + 1);
                    String file = "{\"name\":" + quoted(pick("a.txt", "dir/b.bin", "c d.pdf", "\u00fc.png")) + ",\"size\":" + size + "}";
                    boolean two = random.nextBoolean();
                    fields.put("to", quoted(to));
                    fields.put("transferId", quoted(transferId));
                    fields.put("route", quoted(pick("auto", "direct", "relay")));
                    fields.put("files", "[" + file + (two ? "," + file : "") + "]");
                    fields.put("totalBytes", Long.toString(two ? size * 2 : size));
                    fields.put("keyShare", SHARE);
                }
                case "transfer.accept" -> {
                    fields.put("to", quoted(to));
                    fields.put("transferId", quoted(transferId));
                    fields.put("keyShare", SHARE);
                }
                case "transfer.decline", "transfer.cancel" -> {
                    fields.put("to", quoted(to));
                    fields.put("transferId", quoted(transferId));
                    fields.put("reason", quoted("fz"));
                }
                case "transfer.report" -> {
                    fields.put("transferId", quoted(transferId));
                    fields.put("outcome", quoted(pick("completed", "failed", "cancelled")));
                    fields.put("route", quoted(pick("direct", "relay", "none")));
                    fields.put("bytes", Long.toString(random.nextInt(1000)));
                    fields.put("ms", Long.toString(random.nextInt(1000)));
                }
                default -> { }
            }
            Set<String> expected = Set.of();
            if (type.startsWith("hello")) {
                expected = Set.of("invalid-field"); // this connection already said hello
            }
            List<String> required = new ArrayList<>(fields.keySet());
            required.remove("reason");
            required.remove("route");
            required.remove("protocol");
            if (type.startsWith("transfer.") && !type.equals("transfer.offer")) {
                required.remove("to"); // the server answers the other party of the transfer, whatever 'to' says
            }
            if (!required.isEmpty() && random.nextInt(3) > 0) {
                String broken = required.get(random.nextInt(required.size()));
                String value = pick(null, "null", "17", "-1", "1.5", "true", "[]", "{}", quoted(""), quoted("\u0007"),
                        quoted("y".repeat(300)), "99999999999999999999999");
                boolean stillValid = "17".equals(value) && (broken.equals("bytes") || broken.equals("ms"))
                        || "{}".equals(value) && broken.equals("data");
                if (value == null || stillValid) {
                    fields.remove(broken);
                } else {
                    fields.put(broken, value);
                }
                expected = Set.of("invalid-field", "peer-unavailable", "policy-refused", "limit-reached", "pairing-failed");
            }
            StringBuilder frame = new StringBuilder("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"");
            fields.forEach((key, value) -> frame.append(",\"").append(key).append("\":").append(value));
            frame.append('}');
            return send(client, frame.toString(), id, expected);
        }

        private Sent send(SocketClient client, String frame, Set<String> expected) throws Exception {
            Matcher id = Pattern.compile("\"id\":\"([^\"]*)\"").matcher(frame);
            assertTrue(frame, id.find());
            return send(client, frame, id.group(1), expected);
        }

        private Sent send(SocketClient client, String frame, String id, Set<String> expected) throws Exception {
            client.send(frame);
            return new Sent(id, frame, expected);
        }

        private Sent sendWithoutId(SocketClient client, String frame, String expected) throws Exception {
            client.send(frame);
            return new Sent(null, frame, Set.of(expected));
        }

        private String nextId() {
            return "fz-" + number + "-" + sequence++;
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private long pickLong(long... choices) {
            return choices[random.nextInt(choices.length)];
        }
    }

    /** A frame sent, its id (null when the envelope cannot carry one), and the answers it may get (empty: any non-error). */
    private record Sent(String id, String frame, Set<String> expected) {}

    private void prepare() throws Exception {
        Dictionary<String, Object> policy = new Hashtable<>();
        policy.put("framesPerSecond", 100_000);
        policy.put("connectionsPerMinute", 100_000);
        configurations.getConfiguration("io.lanvan.policy", "?").update(policy);
        Dictionary<String, Object> signaling = new Hashtable<>();
        signaling.put("ipv4Prefix", 32);
        // the fuzzers' valid offers are not what is under test here: they must not use up the honest devices' quota
        signaling.put("maxOpenOffersPerAddress", 100_000);
        configurations.getConfiguration("io.lanvan.signaling", "?").update(signaling);
        Policy applied = Eventually.await(() -> {
            ServiceReference<PolicyService> reference = context.getServiceReference(PolicyService.class);
            return reference == null ? null : context.getService(reference).current();
        }, current -> current != null && current.framesPerSecond() == 100_000, Duration.ofSeconds(10));
        assertTrue("policy not applied", applied != null && applied.framesPerSecond() == 100_000);
        String filter = "(&(component.name=io.lanvan.signaling.internal.Signaling)(ipv4Prefix=32))";
        Object[] signalingApplied = Eventually.await(() -> context.getServiceReferences(io.lanvan.api.socket.SocketHandler.class.getName(),
                filter), references -> references != null, Duration.ofSeconds(10));
        assertTrue("signaling settings not applied", signalingApplied != null);
    }

    private static void exchange(SocketClient from, String fromId, SocketClient to, String toId, String transferId) throws Exception {
        from.send(offer(toId, transferId));
        to.next(frame -> frame.contains("transfer.offer") && frame.contains(transferId));
        to.send("{\"type\":\"transfer.accept\",\"to\":\"" + fromId + "\",\"transferId\":\"" + transferId + "\",\"keyShare\":" + SHARE + "}");
        from.next(frame -> frame.contains("\"type\":\"transfer.accept\"") && frame.contains(transferId));
    }

    /**
     * A device whose key and id (base64url, seen by its room) do not contain "fz", the marker that must
     * never reach room B; about one random key in twenty would.
     */
    private static TestDevice roomBDevice() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            TestDevice device = TestDevice.generate();
            if (!device.identityKey.contains("fz") && !device.deviceId.contains("fz")) {
                return device;
            }
        }
        throw new AssertionError("no key without 'fz' in 1000 tries");
    }

    /** A new device says hello and proves it; returns its peerId. */
    private static String hello(SocketClient client, Https https) throws Exception {
        return peerIdIn(TestDevice.generate().hello(client::send, client::next, "fuzz device", https.host()));
    }

    private static String offer(String to, String transferId) {
        return "{\"type\":\"transfer.offer\",\"to\":\"" + to + "\",\"transferId\":\"" + transferId
                + "\",\"route\":\"auto\",\"files\":[{\"name\":\"a.txt\",\"size\":10}],\"totalBytes\":10,\"keyShare\":" + SHARE + "}";
    }

    private static String peerIdIn(String welcome) {
        Matcher matcher = PEER_ID.matcher(welcome);
        assertTrue(welcome, matcher.find());
        return matcher.group(1);
    }

    private static String field(String frame, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(frame);
        assertTrue(frame, matcher.find());
        return matcher.group(1);
    }

    private static String code(String frame) {
        Matcher matcher = CODE.matcher(frame);
        return matcher.find() ? matcher.group(1) : "<none>";
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static String randomId(Random random) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String abbreviated(String frame) {
        return frame.length() > 300 ? frame.substring(0, 300) + "..." : frame;
    }
}
