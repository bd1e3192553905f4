package io.lanvan.signaling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.policy.DeploymentMode;
import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.relay.RelayService;
import io.lanvan.api.relay.RelayTickets;
import io.lanvan.api.socket.SocketMessage;
import io.lanvan.testing.TestDevice;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a malicious device tries against signaling, and the limits that stop it. */
class SignalingAbuseTest {
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";
    private static final String SHARE = "{\"publicKey\":\"" + KEY + "\",\"signature\":\"" + KEY + "\"}";

    private final MovableClock clock = new MovableClock();
    private final List<Runnable> due = new ArrayList<>();
    private final RecordingRelay relay = new RecordingRelay();
    private Signaling signaling = signaling(Map.of());
    private int sessions;
    private final Map<String, TestDevice> devices = new java.util.HashMap<>();

    @Test
    void anApprovedDevicesIdCannotBeClaimedWithAnotherKey() {
        TestDevice ana = device("ana-device");
        signaling.usePolicies(policies(false, Set.of(ana.deviceId)));
        TestDevice mallory = device("mallory-device");
        RecordingSession claim = new RecordingSession("s" + (++sessions), "10.0.0.66");
        send(claim, mallory.helloFrame(ana.deviceId, "Ana"));
        assertEquals("identity-refused", claim.last().path("code").asText(), claim.last().toString());
        assertTrue(claim.last().path("message").asText().contains(mallory.deviceId), "names the id of the key it sent");
        assertEquals(1008, claim.closedWith);

        RecordingSession borrowedKey = new RecordingSession("s" + (++sessions), "10.0.0.66");
        send(borrowedKey, ana.helloFrame("Ana"));
        send(borrowedKey, mallory.proofFrame(borrowedKey.lastOfType("hello.challenge").toString(), RecordingSession.HOST));
        assertEquals("identity-refused", borrowedKey.last().path("code").asText(), borrowedKey.last().toString());
        assertEquals(1008, borrowedKey.closedWith);
        assertTrue(signaling.connectedPeers().isEmpty());
        assertTrue(signaling.awaitingApproval().isEmpty(), "an unproven device is not put before the admins");

        hello("10.0.0.2", "ana-device", "Ana");
    }

    @Test
    void aProofFromAnEarlierConnectionIsRefused() {
        TestDevice ana = device("ana-device");
        RecordingSession first = new RecordingSession("s" + (++sessions), "10.0.0.2");
        send(first, ana.helloFrame("Ana"));
        String recorded = ana.proofFrame(first.lastOfType("hello.challenge").toString(), RecordingSession.HOST);
        send(first, recorded);
        assertEquals("welcome", first.last().path("type").asText());

        RecordingSession replay = new RecordingSession("s" + (++sessions), "10.0.0.66");
        send(replay, ana.helloFrame("Ana"));
        send(replay, recorded);
        assertEquals("identity-refused", replay.last().path("code").asText(), replay.last().toString());
        assertEquals(1008, replay.closedWith);
        send(first, recorded);
        assertEquals("invalid-field", first.last().path("code").asText(), "a welcomed connection proves nothing again");
    }

    @Test
    void aProofSentLaterThanThirtySecondsIsRefused() {
        TestDevice ana = device("ana-device");
        RecordingSession slow = new RecordingSession("s" + (++sessions), "10.0.0.2");
        send(slow, ana.helloFrame("Ana"));
        clock.advance(Duration.ofSeconds(31));
        send(slow, ana.proofFrame(slow.lastOfType("hello.challenge").toString(), RecordingSession.HOST));
        assertEquals("identity-refused", slow.last().path("code").asText());
        assertTrue(slow.last().path("message").asText().contains("expired"), slow.last().toString());
    }

    @Test
    void aProofWithoutAHelloOrForAnotherServerIsRefused() {
        TestDevice ana = device("ana-device");
        RecordingSession eager = new RecordingSession("s" + (++sessions), "10.0.0.2");
        send(eager, "{\"type\":\"hello.proof\",\"id\":\"p\",\"signature\":\"" + "A".repeat(86) + "\"}");
        assertEquals("hello-required", eager.last().path("code").asText());

        RecordingSession relayed = new RecordingSession("s" + (++sessions), "10.0.0.2");
        send(relayed, ana.helloFrame("Ana"));
        send(relayed, ana.proofFrame(relayed.lastOfType("hello.challenge").toString(), "evil.example:8443"));
        assertEquals("identity-refused", relayed.last().path("code").asText());

        RecordingSession strangeHost = new RecordingSession("s" + (++sessions), "10.0.0.2", "");
        send(strangeHost, ana.helloFrame("Ana"));
        assertEquals("identity-refused", strangeHost.last().path("code").asText());
        assertTrue(strangeHost.last().path("message").asText().contains("does not answer for"), strangeHost.last().toString());
    }

    @Test
    void anOldStyleHelloIsToldToReloadThePage() {
        RecordingSession old = new RecordingSession("s" + (++sessions), "10.0.0.2");
        send(old, "{\"type\":\"hello\",\"id\":\"h\",\"deviceId\":\"ana-device\",\"name\":\"Ana\",\"platform\":\"linux\","
                + "\"identityKey\":\"" + device("ana-device").identityKey + "\"}");
        assertEquals("protocol-outdated", old.last().path("code").asText());
        assertTrue(old.last().path("message").asText().contains("reload"), old.last().toString());
        assertEquals(0, old.closedWith);
    }

    @Test
    void aMalformedIdentityKeyIsRefusedNamingTheField() {
        RecordingSession session = new RecordingSession("s" + (++sessions), "10.0.0.2");
        send(session, "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":2,\"deviceId\":\"device-123\",\"name\":\"x\","
                + "\"platform\":\"linux\",\"identityKey\":\"" + KEY + "\"}");
        assertEquals("invalid-field", session.last().path("code").asText());
        assertTrue(session.last().path("message").asText().contains("'identityKey'"), session.last().toString());
    }

    @Test
    void aDeviceAwaitingApprovalIsListedUnderItsProvenId() {
        signaling.usePolicies(policies(false, Set.of()));
        RecordingSession newcomer = new RecordingSession("s" + (++sessions), "10.0.0.2");
        proveHello(newcomer, "new-device", "New");
        assertEquals("device-refused", newcomer.last().path("code").asText());
        assertEquals(device("new-device").deviceId, signaling.awaitingApproval().iterator().next().deviceId());
    }

    @Test
    void wrongPairingCodesFromManyConnectionsOfOneAddressShareItsBudget() {
        RecordingSession ana = hello("198.51.100.7", "ana-device", "Ana");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c\"}");
        int code = Integer.parseInt(ana.lastOfType("pair.created").get("code").asText());
        int tried = 0;
        for (int connection = 0; connection < 5; connection++) {
            RecordingSession guesser = hello("203.0.113.9", "guesser-" + connection, "Guesser");
            for (int guess = 0; guess < 10; guess++) {
                send(guesser, pairJoin((code + 1 + connection * 10 + guess) % 1_000_000));
                if (guesser.last().get("message").asText().contains("wrong or has expired")) {
                    tried++;
                }
            }
        }
        assertEquals(20, tried, "wrong codes tried from one address");
        RecordingSession elsewhere = hello("192.0.2.44", "bob-device", "Bob");
        send(elsewhere, pairJoin(code));
        assertEquals("pair.waiting", elsewhere.last().get("type").asText(), "another address still reaches the creator");
        send(ana, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + String.format("%06d", code) + "\"}");
        assertEquals(peerIdOf(ana), elsewhere.lastOfType("pair.joined").get("peerId").asText(), "and pairs once confirmed");
    }

    @Test
    void aPairingRequestLeftUnansweredEndsWithTheCodesLifetime() {
        RecordingSession ana = hello("198.51.100.7", "ana-device", "Ana");
        RecordingSession bob = hello("192.0.2.44", "bob-device", "Bob");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = ana.lastOfType("pair.created").get("code").asText();
        send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        assertEquals("pair.waiting", bob.last().get("type").asText());
        clock.advance(Duration.ofMinutes(5).plusSeconds(2));
        runDue();
        assertEquals("pairing-failed", bob.last().get("code").asText(), bob.last().toString());
        assertTrue(bob.last().get("message").asText().contains("did not confirm"), bob.last().toString());
        assertEquals("expired", ana.lastOfType("pair.retired").get("reason").asText());
        send(ana, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", ana.last().get("code").asText(), "a confirmation after the code's time pairs nobody");
        assertTrue(bob.received.stream().noneMatch(frame -> frame.path("type").asText().equals("pair.joined")));
    }

    @Test
    void aGuesserCannotAnswerAnotherDevicesRequestNorTakeItsCode() {
        RecordingSession ana = hello("198.51.100.7", "ana-device", "Ana");
        RecordingSession bob = hello("192.0.2.44", "bob-device", "Bob");
        RecordingSession mallory = hello("203.0.113.9", "mallory-device", "Mallory");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = ana.lastOfType("pair.created").get("code").asText();
        send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        send(mallory, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", mallory.last().get("code").asText());
        send(mallory, "{\"type\":\"pair.reject\",\"id\":\"n\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", mallory.last().get("code").asText());
        send(mallory, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", mallory.last().get("code").asText(), "the code waits for its creator's answer on one joiner");
        assertEquals("pair.waiting", bob.last().get("type").asText(), "the real joiner still waits");
        send(ana, "{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + code + "\"}");
        assertEquals(peerIdOf(ana), bob.lastOfType("pair.joined").get("peerId").asText());
        assertTrue(mallory.received.stream().noneMatch(frame -> frame.path("type").asText().startsWith("peer.")));
    }

    @Test
    void theBudgetOfAnAddressComesBackWhenItsWindowHasPassed() {
        hello("198.51.100.7", "ana-device", "Ana");
        RecordingSession guesser = hello("203.0.113.9", "guesser-1", "Guesser");
        RecordingSession second = hello("203.0.113.9", "guesser-2", "Guesser");
        for (int guess = 0; guess < 10; guess++) {
            send(guesser, pairJoin(guess));
            send(second, pairJoin(guess));
        }
        RecordingSession third = hello("203.0.113.9", "guesser-3", "Guesser");
        send(third, pairJoin(1));
        assertTrue(third.last().get("message").asText().contains("from this address"), third.last().toString());
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        send(third, pairJoin(2));
        assertTrue(third.last().get("message").asText().contains("wrong or has expired"), third.last().toString());
    }

    @Test
    void pairingPausesForEveryoneOnceTheServerWideBudgetIsSpent() {
        signaling = signaling(Map.of("pairingAttemptsOverall", 30));
        for (int address = 0; address < 3; address++) {
            RecordingSession guesser = hello("203.0.113." + (10 + address), "guesser-" + address, "Guesser");
            for (int guess = 0; guess < 10; guess++) {
                send(guesser, pairJoin(guess));
            }
        }
        RecordingSession fresh = hello("192.0.2.44", "bob-device", "Bob");
        send(fresh, pairJoin(123_456));
        assertTrue(fresh.last().get("message").asText().contains("paused"), fresh.last().toString());
    }

    @Test
    void aCodeThatSawTooManyWrongGuessesIsRetiredAndItsCreatorTold() {
        signaling = signaling(Map.of("pairingGuessesPerCode", 5));
        RecordingSession ana = hello("198.51.100.7", "ana-device", "Ana");
        send(ana, "{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = ana.lastOfType("pair.created").get("code").asText();
        RecordingSession guesser = hello("203.0.113.9", "guesser-device", "Guesser");
        for (int guess = 1; guess <= 5; guess++) {
            send(guesser, pairJoin((Integer.parseInt(code) + guess) % 1_000_000));
        }
        JsonNode retired = ana.lastOfType("pair.retired");
        assertEquals(code, retired.get("code").asText());
        assertEquals("too-many-guesses", retired.get("reason").asText());
        RecordingSession bob = hello("192.0.2.44", "bob-device", "Bob");
        send(bob, "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        assertEquals("pairing-failed", bob.last().get("code").asText());
    }

    @Test
    void oneDeviceOfferingToItselfGetsOnlyItsQuotaOfRelaySlots() {
        RecordingSession a = hello("10.0.0.66", "hoarder-device", "Hoarder");
        RecordingSession b = hello("10.0.0.66", "hoarder-device", "Hoarder");
        int tickets = 0;
        for (int i = 0; i < 20; i++) {
            String transferId = "hoard-" + (1000 + i);
            send(a, offer(peerIdOf(b), transferId, "relay", "a.bin"));
            send(b, accept(peerIdOf(a), transferId));
            if (b.last().path("type").asText().equals("transfer.relay")) {
                tickets++;
            } else {
                assertEquals("relay-unavailable", b.last().get("code").asText());
                assertTrue(b.last().get("message").asText().contains("limit is 8"), b.last().toString());
            }
        }
        assertEquals(8, tickets);
        RecordingSession bob = hello("10.0.0.7", "bob-device", "Bob");
        RecordingSession carol = hello("10.0.0.8", "carol-device", "Carol");
        send(bob, offer(peerIdOf(carol), "real-transfer", "relay", "report.pdf"));
        send(carol, accept(peerIdOf(bob), "real-transfer"));
        assertEquals("transfer.relay", carol.last().get("type").asText(), carol.last().toString());
    }

    @Test
    void relaySlotsAreReleasedWhenTheTransferEndsOrASideLeaves() {
        RecordingSession ana = hello("10.0.0.2", "ana-device", "Ana");
        RecordingSession bob = hello("10.0.0.3", "bob-device", "Bob");
        for (String transferId : List.of("cancelled-1", "reported-1", "abandoned-1")) {
            send(ana, offer(peerIdOf(bob), transferId, "relay", "a.bin"));
            send(bob, accept(peerIdOf(ana), transferId));
        }
        assertEquals(List.of("cancelled-1", "reported-1", "abandoned-1"), relay.admitted);
        send(ana, "{\"type\":\"transfer.cancel\",\"to\":\"" + peerIdOf(bob) + "\",\"transferId\":\"cancelled-1\"}");
        assertEquals(List.of("cancelled-1"), relay.released);
        send(ana, report("reported-1"));
        assertEquals(List.of("cancelled-1"), relay.released, "the other side may still be reading from the relay");
        send(bob, report("reported-1"));
        assertEquals(List.of("cancelled-1", "reported-1"), relay.released);
        signaling.onClose(bob);
        assertEquals(List.of("cancelled-1", "reported-1", "abandoned-1"), relay.released);
    }

    @Test
    void openOffersOfOneDeviceAreCapped() {
        signaling = signaling(Map.of("maxOpenOffersPerDevice", 3));
        RecordingSession ana = hello("10.0.0.2", "ana-device", "Ana");
        RecordingSession bob = hello("10.0.0.3", "bob-device", "Bob");
        for (int i = 0; i < 4; i++) {
            send(ana, offer(peerIdOf(bob), "offer-" + (1000 + i), "auto", "a.bin"));
        }
        assertEquals("limit-reached", ana.last().get("code").asText());
        assertTrue(ana.last().get("message").asText().contains("limit is 3"), ana.last().toString());
        assertEquals(3, bob.received.stream().filter(frame -> frame.path("type").asText().equals("transfer.offer")).count());
    }

    @Test
    void connectionsFromOneAddressAreCapped() {
        signaling = signaling(Map.of("maxPeersPerAddress", 2));
        hello("10.0.0.9", "one-device", "One");
        hello("10.0.0.9", "two-device", "Two");
        RecordingSession third = new RecordingSession("s" + (++sessions), "10.0.0.9");
        proveHello(third, "three-device", "Three");
        assertEquals("limit-reached", third.last().get("code").asText());
        assertEquals(1008, third.closedWith);
    }

    @Test
    void aRenameReachesEachPeerAsOneSmallUpdateAndFastRenamesAreMerged() {
        List<RecordingSession> room = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            room.add(hello("10.0.0." + (10 + i), "listener-" + i, "Listener " + i));
        }
        RecordingSession renamer = hello("10.0.0.99", "renamer-device", "Renamer");
        room.forEach(listener -> listener.received.clear());
        for (int i = 0; i < 40; i++) {
            send(renamer, "{\"type\":\"rename\",\"name\":\"Renamer " + i + "\"}");
        }
        for (RecordingSession listener : room) {
            assertEquals(1, listener.received.size(), "updates before the interval passed");
            assertEquals("Renamer 0", listener.lastOfType("peer.updated").get("peer").get("name").asText());
        }
        clock.advance(Duration.ofSeconds(1));
        due.forEach(Runnable::run);
        for (RecordingSession listener : room) {
            assertEquals(2, listener.received.size());
            assertEquals("Renamer 39", listener.lastOfType("peer.updated").get("peer").get("name").asText());
            assertTrue(listener.received.stream().noneMatch(frame -> frame.has("peers")), "never the whole list");
        }
    }

    @Test
    void discoveryAnswersNothingWhereDevicesNeedApproval() throws Exception {
        hello("10.0.0.2", "ana-device", "Ana");
        assertEquals(1, signaling.networkPeersOf(InetAddress.getByName("10.0.0.3")).orElseThrow().size());
        signaling.usePolicies(policies(false, Set.of(device("ana-device").deviceId)));
        assertTrue(signaling.networkPeersOf(InetAddress.getByName("10.0.0.3")).isEmpty());
    }

    @Test
    void aBlockedTypeIsRefusedHoweverItsNameIsDisguised() {
        signaling.usePolicies(policies(true, Set.of()));
        RecordingSession ana = hello("10.0.0.2", "ana-device", "Ana");
        RecordingSession bob = hello("10.0.0.3", "bob-device", "Bob");
        String[] disguises = {"setup.exe.", "setup.exe ", "setup.exe. . ", "SETUP.EXE", "dir/setup.e\\u200bxe", "setup.exe\\u202e",
            "setup.\uff45\uff58\uff45", "setup.exe::$DATA", "setup.exe\\u00a0"};
        for (int i = 0; i < disguises.length; i++) {
            send(ana, offer(peerIdOf(bob), "disguise-" + (1000 + i), "auto", disguises[i]));
            assertEquals("policy-refused", ana.last().path("code").asText(), disguises[i] + ": " + ana.last());
        }
        send(ana, offer(peerIdOf(bob), "harmless-1", "auto", "notes.exe.txt"));
        assertEquals("transfer.offer", bob.last().path("type").asText());
    }

    private void runDue() {
        List<Runnable> now = new ArrayList<>(due);
        due.clear();
        now.forEach(Runnable::run);
    }

    private Signaling signaling(Map<String, Object> settings) {
        Signaling created = new Signaling(SignalingTest.config(settings), clock, (task, delay) -> due.add(task), () -> { });
        created.useRelay(relay);
        return created;
    }

    /** Policies with or without anonymous devices; trust (outside this unit) knows {@code approved} as approved. */
    private PolicyService policies(boolean anonymousDevices, Set<String> approved) {
        signaling.useTrust(new KnownDevices(approved));
        Policy policy = new Policy(DeploymentMode.HYBRID, 0, 0, Set.of("exe"), List.of(), List.of(), List.of(), List.of(),
                anonymousDevices, 60, 50, 365, false);
        return new PolicyService() {
            @Override
            public Policy current() {
                return policy;
            }

            @Override
            public boolean clientAllowed(String address) {
                return true;
            }

            @Override
            public boolean adminAllowed(String address) {
                return true;
            }

            @Override
            public List<String> validate(Map<String, Object> settings) {
                return List.of();
            }
        };
    }

    /** A device (one key per label) says hello and proves it: the welcome is the last frame. */
    private RecordingSession hello(String address, String device, String name) {
        RecordingSession session = new RecordingSession("s" + (++sessions), address);
        proveHello(session, device, name);
        assertEquals("welcome", session.last().get("type").asText(), session.last().toString());
        return session;
    }

    private void proveHello(RecordingSession session, String device, String name) {
        TestDevice key = device(device);
        send(session, key.helloFrame(name));
        send(session, key.proofFrame(session.lastOfType("hello.challenge").toString(), RecordingSession.HOST));
    }

    private TestDevice device(String label) {
        return devices.computeIfAbsent(label, unused -> TestDevice.generate());
    }

    private static String pairJoin(int code) {
        return "{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + String.format("%06d", code) + "\"}";
    }

    private static String offer(String to, String transferId, String route, String name) {
        return "{\"type\":\"transfer.offer\",\"id\":\"o\",\"to\":\"" + to + "\",\"transferId\":\"" + transferId + "\",\"route\":\""
                + route + "\",\"files\":[{\"name\":\"" + name + "\",\"size\":1}],\"totalBytes\":1,\"keyShare\":" + SHARE + "}";
    }

    private static String accept(String to, String transferId) {
        return "{\"type\":\"transfer.accept\",\"id\":\"a\",\"to\":\"" + to + "\",\"transferId\":\"" + transferId
                + "\",\"keyShare\":" + SHARE + "}";
    }

    private static String report(String transferId) {
        return "{\"type\":\"transfer.report\",\"transferId\":\"" + transferId
                + "\",\"outcome\":\"completed\",\"route\":\"relay\",\"bytes\":1,\"ms\":1}";
    }

    private static String peerIdOf(RecordingSession session) {
        return session.lastOfType("welcome").get("self").get("peerId").asText();
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

    /** The relay as signaling sees it: which transfers it admitted and released. */
    private static final class RecordingRelay implements RelayService {
        final List<String> admitted = new ArrayList<>();
        final List<String> released = new ArrayList<>();

        @Override
        public Optional<RelayTickets> admit(String transferId, String offerer, String receiver) {
            admitted.add(transferId);
            return Optional.of(new RelayTickets("/ws/relay/" + transferId, "offerer-" + transferId, "receiver-" + transferId));
        }

        @Override
        public void release(String transferId) {
            released.add(transferId);
        }
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
