package io.lanvan.signaling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.relay.RelayService;
import io.lanvan.api.relay.RelayTickets;
import io.lanvan.api.socket.SocketMessage;
import io.lanvan.testing.TestDevice;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalingTest {
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";
    private static final String SHARE = "{\"publicKey\":\"" + KEY + "\",\"signature\":\"" + KEY + "\"}";

    private final Map<String, TestDevice> devices = new java.util.HashMap<>();
    private final Signaling signaling = new Signaling(config(), java.time.Clock.systemUTC(), (task, delay) -> task.run(), () -> { });

    @Test
    void everythingButHelloIsRefusedBeforeHello() {
        RecordingSession session = new RecordingSession("s1", "192.168.1.10");
        send(session, "{\"type\":\"rename\",\"id\":\"r\",\"name\":\"x\"}");
        assertEquals("hello-required", session.last().get("code").asText());
    }

    @Test
    void helloIsAnsweredWithWelcomeAndTheOthersAreTold() {
        RecordingSession ana = hello("s1", "192.168.1.10", "ana-device", "Ana's laptop");
        RecordingSession bob = hello("s2", "192.168.1.22", "bob-device", "Bob's phone");
        JsonNode welcome = bob.lastOfType("welcome");
        assertEquals(2, welcome.get("protocol").asInt());
        assertEquals(devices.get("bob-device").deviceId, welcome.get("self").get("deviceId").asText());
        assertEquals("Ana's laptop", welcome.get("peers").get(0).get("name").asText());
        assertEquals("network", welcome.get("peers").get(0).get("rooms").get(0).asText());
        JsonNode update = ana.lastOfType("peer.joined");
        assertEquals("Bob's phone", update.get("peer").get("name").asText());
        assertEquals("network", update.get("peer").get("rooms").get(0).asText());
    }

    @Test
    void aDeviceOnAnotherNetworkIsNeitherSeenNorReachable() {
        RecordingSession ana = hello("s1", "192.168.1.10", "ana-device", "Ana");
        RecordingSession eve = hello("s2", "203.0.113.9", "eve-device", "Eve");
        assertEquals(0, eve.lastOfType("welcome").get("peers").size());
        String anaId = peerIdOf(ana);
        send(eve, "{\"type\":\"signal\",\"id\":\"x\",\"to\":\"" + anaId + "\",\"transferId\":\"transfer-1\",\"data\":{}}");
        assertEquals("peer-unavailable", eve.last().get("code").asText());
        send(eve, "{\"type\":\"signal\",\"id\":\"y\",\"to\":\"p-nobody\",\"transferId\":\"transfer-1\",\"data\":{}}");
        assertEquals("peer-unavailable", eve.last().get("code").asText());
        assertTrue(ana.received.stream().noneMatch(frame -> frame.path("type").asText().equals("signal")));
    }

    @Test
    void helloFieldsAreCheckedByName() {
        RecordingSession session = new RecordingSession("s1", "10.0.0.2");
        send(session, "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":2,\"deviceId\":\"short\",\"name\":\"x\",\"platform\":\"linux\",\"identityKey\":\"" + KEY + "\"}");
        assertTrue(session.last().get("message").asText().contains("'deviceId'"));
        send(session, "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":2,\"deviceId\":\"device-123\",\"name\":\"x\",\"platform\":\"amiga\",\"identityKey\":\"" + KEY + "\"}");
        assertTrue(session.last().get("message").asText().contains("'platform' must be one of"));
        send(session, "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":2,\"deviceId\":\"device-123\",\"name\":\"\\u0007\",\"platform\":\"linux\",\"identityKey\":\"" + KEY + "\"}");
        assertTrue(session.last().get("message").asText().contains("'name'"));
    }

    @Test
    void signalsAreForwardedWithTheSendersPeerId() {
        RecordingSession ana = hello("s1", "10.0.0.2", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "10.0.0.3", "bob-device", "Bob");
        send(ana, "{\"type\":\"signal\",\"to\":\"" + peerIdOf(bob) + "\",\"transferId\":\"transfer-1\",\"data\":{\"sdp\":\"v=0\"}}");
        JsonNode signal = bob.lastOfType("signal");
        assertEquals(peerIdOf(ana), signal.get("from").asText());
        assertEquals("v=0", signal.get("data").get("sdp").asText());
    }

    @Test
    void anOfferBreakingItsRulesIsRefusedNamingTheField() {
        RecordingSession ana = hello("s1", "10.0.0.2", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "10.0.0.3", "bob-device", "Bob");
        send(ana, offer(peerIdOf(bob), "transfer-1", "[{\"name\":\"../etc/passwd\",\"size\":1}]", 1));
        assertTrue(ana.last().get("message").asText().contains("files[0].name"), ana.last().toString());
        send(ana, offer(peerIdOf(bob), "transfer-1", "[{\"name\":\"a.txt\",\"size\":1}]", 2));
        assertTrue(ana.last().get("message").asText().contains("totalBytes"), ana.last().toString());
        long half = Long.MAX_VALUE / 2 + 1;
        send(ana, offer(peerIdOf(bob), "transfer-1", "[{\"name\":\"a\",\"size\":" + half + "},{\"name\":\"b\",\"size\":" + half + "}]", 0));
        assertEquals("invalid-field", ana.last().get("code").asText(), "sizes that overflow: " + ana.last());
        assertTrue(bob.received.stream().noneMatch(frame -> frame.path("type").asText().equals("transfer.offer")));
    }

    @Test
    void onlyTheReceiverMayAcceptAndBothSidesGetRelayTickets() {
        signaling.useRelay(new RelayService() {
            @Override
            public Optional<RelayTickets> admit(String transferId, String offerer, String receiver) {
                return Optional.of(new RelayTickets("/ws/relay/" + transferId, "offerer-ticket", "receiver-ticket"));
            }

            @Override
            public void release(String transferId) {
            }
        });
        RecordingSession ana = hello("s1", "10.0.0.2", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "10.0.0.3", "bob-device", "Bob");
        send(ana, offer(peerIdOf(bob), "transfer-1", "[{\"name\":\"photos/a.jpg\",\"size\":5,\"type\":\"image/jpeg\"}]", 5));
        assertEquals(peerIdOf(ana), bob.lastOfType("transfer.offer").get("from").asText());

        send(ana, "{\"type\":\"transfer.accept\",\"id\":\"a\",\"to\":\"" + peerIdOf(bob) + "\",\"transferId\":\"transfer-1\",\"keyShare\":" + SHARE + "}");
        assertEquals("invalid-field", ana.last().get("code").asText());

        send(bob, "{\"type\":\"transfer.accept\",\"to\":\"" + peerIdOf(ana) + "\",\"transferId\":\"transfer-1\",\"keyShare\":" + SHARE + "}");
        assertEquals("offerer-ticket", ana.lastOfType("transfer.accept").get("relay").get("token").asText());
        assertEquals("receiver-ticket", bob.lastOfType("transfer.relay").get("relay").get("token").asText());
    }

    @Test
    void aDeclineReachesTheOffererOnce() {
        RecordingSession ana = hello("s1", "10.0.0.2", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "10.0.0.3", "bob-device", "Bob");
        send(ana, offer(peerIdOf(bob), "transfer-1", "[{\"name\":\"a\",\"size\":0}]", 0));
        send(bob, "{\"type\":\"transfer.decline\",\"to\":\"" + peerIdOf(ana) + "\",\"transferId\":\"transfer-1\",\"reason\":\"busy\"}");
        assertEquals("busy", ana.lastOfType("transfer.decline").get("reason").asText());
        send(bob, "{\"type\":\"transfer.decline\",\"id\":\"d2\",\"to\":\"" + peerIdOf(ana) + "\",\"transferId\":\"transfer-1\"}");
        assertEquals("invalid-field", bob.last().get("code").asText());
    }

    @Test
    void whenAPeerLeavesItsTransfersAreCancelledForTheOtherSide() {
        RecordingSession ana = hello("s1", "10.0.0.2", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "10.0.0.3", "bob-device", "Bob");
        send(ana, offer(peerIdOf(bob), "transfer-1", "[{\"name\":\"a\",\"size\":0}]", 0));
        signaling.onClose(ana);
        JsonNode cancel = bob.lastOfType("transfer.cancel");
        assertEquals("peer-left", cancel.get("reason").asText());
        assertEquals(peerIdOf(ana), bob.lastOfType("peer.left").get("peerId").asText());
    }

    @Test
    void aPairingCodeJoinsDevicesOnDifferentNetworksOnceItsCreatorConfirmsWhoJoined() {
        RecordingSession ana = hello("s1", "198.51.100.7", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "203.0.113.9", "bob-device", "Bob");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = ana.lastOfType("pair.created").get("code").asText();
        send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"000000\"}".replace("000000", code.equals("000000") ? "111111" : "000000"));
        assertEquals("pairing-failed", bob.last().get("code").asText());
        send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");

        JsonNode waiting = bob.last();
        assertEquals("pair.waiting", waiting.get("type").asText(), waiting.toString());
        assertEquals("j", waiting.get("inReplyTo").asText());
        assertTrue(bob.received.stream().noneMatch(frame -> frame.path("type").asText().equals("pair.joined")), "not paired yet");
        assertTrue(ana.received.stream().noneMatch(frame -> frame.path("type").asText().equals("peer.joined")), "the creator sees no peer yet");
        JsonNode request = ana.lastOfType("pair.request");
        assertEquals(code, request.get("code").asText());
        assertEquals("Bob", request.get("peer").get("name").asText());
        assertEquals(devices.get("bob-device").deviceId, request.get("peer").get("deviceId").asText());
        assertEquals(devices.get("bob-device").identityKey, request.get("peer").get("identityKey").asText());

        send(ana, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + code + "\"}");
        JsonNode joined = bob.lastOfType("pair.joined");
        assertEquals("j", joined.get("inReplyTo").asText(), "the final answer replies to the join");
        assertEquals(peerIdOf(ana), joined.get("peerId").asText());
        assertEquals(peerIdOf(bob), ana.lastOfType("pair.confirmed").get("peerId").asText());
        assertEquals("paired", ana.lastOfType("peer.joined").get("peer").get("rooms").get(0).asText());
        assertEquals(peerIdOf(ana), bob.lastOfType("peer.joined").get("peer").get("peerId").asText());
        send(bob, "{\"type\":\"pair.join\",\"id\":\"k\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", bob.last().get("code").asText());
    }

    @Test
    void aRejectedJoinerIsToldAndNotPaired() {
        RecordingSession ana = hello("s1", "198.51.100.7", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "203.0.113.9", "bob-device", "Bob");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = ana.lastOfType("pair.created").get("code").asText();
        send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        send(ana, "{\"type\":\"pair.reject\",\"id\":\"n\",\"code\":\"" + code + "\"}");

        JsonNode refused = bob.last();
        assertEquals("error", refused.get("type").asText(), refused.toString());
        assertEquals("pairing-declined", refused.get("code").asText());
        assertEquals("j", refused.get("inReplyTo").asText());
        assertEquals("pair.rejected", ana.last().get("type").asText());
        assertTrue(bob.received.stream().noneMatch(frame -> frame.path("type").asText().startsWith("peer.")), bob.received.toString());
        send(ana, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", ana.last().get("code").asText(), "a rejected request cannot be confirmed afterwards");
    }

    @Test
    void onlyTheCreatorCanAnswerAndACodeTakesOneJoiner() {
        RecordingSession ana = hello("s1", "198.51.100.7", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "203.0.113.9", "bob-device", "Bob");
        RecordingSession eve = hello("s3", "192.0.2.66", "eve-device", "Eve");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = ana.lastOfType("pair.created").get("code").asText();
        send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        send(eve, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", eve.last().get("code").asText(), "a code already answered by one joiner takes no other");
        send(bob, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", bob.last().get("code").asText(), "the joiner cannot confirm itself");
        send(ana, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"12345x\"}");
        assertEquals("invalid-field", ana.last().get("code").asText());
        assertEquals(1, ana.received.stream().filter(frame -> frame.path("type").asText().equals("pair.request")).count());
        send(ana, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + code + "\"}");
        assertEquals(peerIdOf(ana), bob.lastOfType("pair.joined").get("peerId").asText());
    }

    @Test
    void aJoinerThatLeavesWithdrawsItsRequestAndACreatorThatLeavesFailsIt() {
        RecordingSession ana = hello("s1", "198.51.100.7", "ana-device", "Ana");
        RecordingSession bob = hello("s2", "203.0.113.9", "bob-device", "Bob");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = ana.lastOfType("pair.created").get("code").asText();
        send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        signaling.onClose(bob);
        JsonNode retired = ana.lastOfType("pair.retired");
        assertEquals("joiner-left", retired.get("reason").asText());

        RecordingSession carol = hello("s3", "192.0.2.44", "carol-device", "Carol");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c2\"}");
        String second = ana.lastOfType("pair.created").get("code").asText();
        send(carol, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + second + "\"}");
        signaling.onClose(ana);
        assertEquals("pairing-failed", carol.last().get("code").asText(), carol.last().toString());
        assertEquals("j", carol.last().get("inReplyTo").asText());
    }

    @Test
    void tooManyWrongCodesStopPairingForThatConnection() {
        RecordingSession bob = hello("s2", "203.0.113.9", "bob-device", "Bob");
        for (int i = 0; i < 12; i++) {
            send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + String.format("%06d", i) + "\"}");
        }
        assertTrue(bob.last().get("message").asText().contains("Too many"), bob.last().toString());
        assertFalse(bob.received.stream().anyMatch(frame -> frame.path("type").asText().equals("pair.joined")));
    }

    /** A device (one key per label) says hello and proves it: the welcome is the last frame. */
    private RecordingSession hello(String sessionId, String address, String device, String name) {
        RecordingSession session = new RecordingSession(sessionId, address);
        TestDevice key = devices.computeIfAbsent(device, label -> TestDevice.generate());
        send(session, key.helloFrame(name));
        send(session, key.proofFrame(session.lastOfType("hello.challenge").toString(), RecordingSession.HOST));
        assertEquals("welcome", session.last().get("type").asText(), session.last().toString());
        return session;
    }

    private static String peerIdOf(RecordingSession session) {
        return session.lastOfType("welcome").get("self").get("peerId").asText();
    }

    private static String offer(String to, String transferId, String files, long total) {
        return "{\"type\":\"transfer.offer\",\"id\":\"o\",\"to\":\"" + to + "\",\"transferId\":\"" + transferId
                + "\",\"route\":\"auto\",\"files\":" + files + ",\"totalBytes\":" + total + ",\"keyShare\":" + SHARE + "}";
    }

    private void send(RecordingSession session, String frame) {
        try {
            JsonNode parsed = new ObjectMapper().readTree(frame);
            signaling.onMessage(session, new SocketMessage(parsed.get("type").asText(),
                    parsed.hasNonNull("id") ? parsed.get("id").asText() : null, frame));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The settings' defaults, with some changed: as ConfigAdmin and Metatype would hand them over. */
    static SignalingConfig config(Map<String, Object> changed) {
        return (SignalingConfig) Proxy.newProxyInstance(SignalingConfig.class.getClassLoader(), new Class<?>[] {SignalingConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> SignalingConfig.class;
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "SignalingConfig" + changed;
                    default -> changed.containsKey(method.getName()) ? changed.get(method.getName()) : method.getDefaultValue();
                });
    }

    static SignalingConfig config() {
        return config(Map.of());
    }
}
