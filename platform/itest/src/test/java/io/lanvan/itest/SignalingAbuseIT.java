package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lanvan.api.devices.DeviceDirectory;
import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.testing.Eventually;
import io.lanvan.testing.TestDevice;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
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
 * The attacks of a malicious device on the signaling and relay capabilities, performed over real
 * TLS against real Felix: pairing codes guessed from many connections, relay capacity hoarded with
 * self-offers, renames amplified to the room, connections piled up from one address, discovery
 * asked without approval, blocked file types disguised.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SignalingAbuseIT {
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";
    private static final String SHARE = "{\"publicKey\":\"" + KEY + "\",\"signature\":\"" + KEY + "\"}";
    private static final Pattern PEER_ID = Pattern.compile("\"self\":\\{\"peerId\":\"([^\"]+)\"");

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    private final List<SocketClient> opened = new ArrayList<>();
    private final TestDevice.Keyring keyring = new TestDevice.Keyring();

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    /** Every test opens many connections from 127.0.0.1: lift the per-minute connection rate, not what is under test. */
    @Before
    public void allowManyConnections() throws Exception {
        assertEquals(200, new Https(context).await("/health/ready", response -> response.statusCode() == 200,
                Duration.ofSeconds(60)).statusCode());
        updatePolicy("connectionsPerMinute", 100_000);
        awaitPolicy(policy -> policy.connectionsPerMinute() == 100_000);
        DeviceDirectory directory = context.getService(context.getServiceReference(DeviceDirectory.class));
        List<?> left = Eventually.await(directory::devices, List::isEmpty, Duration.ofSeconds(10));
        assertTrue("devices of an earlier test still connected: " + left, left.isEmpty());
    }

    @After
    public void restoreDefaults() throws Exception {
        for (SocketClient client : opened) {
            client.socket.abort();
        }
        configurations.getConfiguration("io.lanvan.signaling", "?").delete();
        configurations.getConfiguration("io.lanvan.policy", "?").delete();
        awaitPolicy(policy -> policy.connectionsPerMinute() == 60 && policy.anonymousDevices());
    }

    @Test
    public void anApprovedDevicesIdIsRefusedToAnyOtherKeyAndItsOwnKeyIsWelcomed() throws Exception {
        TestDevice ana = keyring.get("approved-ana");
        TestDevice mallory = keyring.get("mallory");
        Dictionary<String, Object> policy = policyProperties();
        policy.put("anonymousDevices", false);
        trust().approve(List.of(ana.deviceId), "itest");
        configurations.getConfiguration("io.lanvan.policy", "?").update(policy);
        awaitPolicy(current -> !current.anonymousDevices());
        Https https = new Https(context);

        SocketClient claim = socket(https);
        claim.send(mallory.helloFrame(ana.deviceId, "Ana"));
        String claimed = claim.next(frame -> frame.contains("\"inReplyTo\":\"h\""));
        assertTrue(claimed, claimed.contains("\"code\":\"identity-refused\"") && claimed.contains("'deviceId'"));
        assertEquals(Integer.valueOf(1008), claim.closed.get(10, TimeUnit.SECONDS));

        SocketClient borrowedKey = socket(https);
        borrowedKey.send(ana.helloFrame("Ana"));
        String challenge = borrowedKey.next(frame -> frame.contains("hello.challenge"));
        borrowedKey.send(mallory.proofFrame(challenge, host()));
        String unproven = borrowedKey.next(frame -> frame.contains("\"inReplyTo\":\"p\""));
        assertTrue(unproven, unproven.contains("\"code\":\"identity-refused\""));
        assertEquals(Integer.valueOf(1008), borrowedKey.closed.get(10, TimeUnit.SECONDS));

        SocketClient genuine = socket(https);
        String welcome = ana.hello(genuine::send, genuine::next, "Ana", host());
        assertTrue(welcome, welcome.contains("\"type\":\"welcome\"") && welcome.contains("\"protocol\":2")
                && welcome.contains("\"deviceId\":\"" + ana.deviceId + "\""));
        DeviceDirectory directory = context.getService(context.getServiceReference(DeviceDirectory.class));
        assertEquals("only the device that proved its key is connected", List.of(ana.deviceId),
                directory.devices().stream().map(io.lanvan.api.devices.ConnectedDevice::deviceId).toList());
    }

    @Test
    public void aProofRecordedOnOneConnectionOrMadeForAnotherServerIsRefused() throws Exception {
        Https https = new Https(context);
        TestDevice ana = keyring.get("recorded-ana");
        SocketClient first = socket(https);
        first.send(ana.helloFrame("Ana"));
        String recorded = ana.proofFrame(first.next(frame -> frame.contains("hello.challenge")), host());
        first.send(recorded);
        assertTrue(first.next(frame -> frame.contains("\"inReplyTo\":\"p\"")).contains("\"type\":\"welcome\""));

        SocketClient replay = socket(https);
        replay.send(ana.helloFrame("Ana"));
        replay.next(frame -> frame.contains("hello.challenge"));
        replay.send(recorded);
        String replayed = replay.next(frame -> frame.contains("\"inReplyTo\":\"p\""));
        assertTrue(replayed, replayed.contains("\"code\":\"identity-refused\""));
        assertEquals(Integer.valueOf(1008), replay.closed.get(10, TimeUnit.SECONDS));

        SocketClient relayed = socket(https);
        relayed.send(ana.helloFrame("Ana"));
        relayed.send(ana.proofFrame(relayed.next(frame -> frame.contains("hello.challenge")), "evil.example:8443"));
        String elsewhere = relayed.next(frame -> frame.contains("\"inReplyTo\":\"p\""));
        assertTrue(elsewhere, elsewhere.contains("\"code\":\"identity-refused\""));
    }

    @Test
    public void aDeviceProvesItselfOnlyForANameOfThisServer() throws Exception {
        String port = context.getProperty("org.osgi.service.http.port.secure");
        TestDevice ana = keyring.get("named-ana");
        try (BoundSocket byAddress = BoundSocket.open(context, InetAddress.getLoopbackAddress(), "/ws", "127.0.0.1:" + port)) {
            String welcome = ana.hello(byAddress::send, byAddress::next, "Ana", "127.0.0.1:" + port);
            assertTrue("another of the server's names works as well: " + welcome, welcome.contains("\"type\":\"welcome\""));
        }
        try (BoundSocket byAddress = BoundSocket.open(context, InetAddress.getLoopbackAddress(), "/ws", "127.0.0.1:" + port)) {
            String refused = ana.hello(byAddress::send, byAddress::next, "Ana", "localhost:" + port);
            assertTrue("a proof binds the name this connection used, not any name of the server: " + refused,
                    refused.contains("\"code\":\"identity-refused\""));
        }
        // What a rogue server relaying its visitors' connections to this one would present: its own name. The
        // HTTPS edge refuses a Host its certificate does not cover before any upgrade (signaling would refuse
        // the hello too: SignalingAbuseTest.aProofWithoutAHelloOrForAnotherServerIsRefused).
        try (BoundSocket relayed = BoundSocket.open(context, InetAddress.getLoopbackAddress(), "/ws", "evil.example:" + port)) {
            throw new AssertionError("upgraded a connection addressed to evil.example");
        } catch (java.io.IOException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains("HTTP/1.1 400"));
        }
    }

    @Test
    public void aHelloOfTheOldProtocolIsToldToReloadThePage() throws Exception {
        SocketClient old = socket(new Https(context));
        old.send(keyring.get("old-page").helloFrame("Old page").replace("\"protocol\":2,", ""));
        String answer = old.next(frame -> frame.contains("\"inReplyTo\":\"h\""));
        assertTrue(answer, answer.contains("\"code\":\"protocol-outdated\"") && answer.contains("reload the page"));
    }

    @Test
    public void wrongPairingCodesFromReconnectingConnectionsShareOneBudgetPerAddress() throws Exception {
        Https https = new Https(context);
        SocketClient ana = device(https, "pairing-owner", "Ana");
        ana.send("{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = field(ana.next(frame -> frame.contains("pair.created")), "code");
        int tried = 0;
        for (int connection = 0; connection < 5; connection++) {
            SocketClient guesser = device(https, "guesser-" + connection, "Guesser");
            for (int guess = 0; guess < 10; guess++) {
                String wrong = String.format("%06d", (connection * 10 + guess + Integer.parseInt(code) + 1) % 1_000_000);
                guesser.send("{\"type\":\"pair.join\",\"id\":\"g" + guess + "\",\"code\":\"" + wrong + "\"}");
                String answer = guesser.next(frame -> frame.contains("\"inReplyTo\":\"g"));
                assertTrue(answer, answer.contains("pairing-failed"));
                if (answer.contains("wrong or has expired")) {
                    tried++;
                }
            }
        }
        assertTrue("wrong codes tried from one address: " + tried, tried <= 20);
    }

    @Test
    public void aRightCodePairsOnlyOnceItsCreatorConfirmsWhoJoinedAndARejectionTellsTheJoiner() throws Exception {
        // Every test's devices connect from 127.0.0.1: the guessing tests may have spent that address's budget.
        updateSignaling("pairingAttemptsPerAddress", 100_000);
        Https https = new Https(context);
        SocketClient ana = device(https, "confirm-owner", "Ana");
        ana.send("{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = field(ana.next(frame -> frame.contains("pair.created")), "code");
        SocketClient bob = device(https, "confirm-joiner", "Bob");
        bob.send("{\"type\":\"pair.join\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        String waiting = bob.next(frame -> frame.contains("\"inReplyTo\":\"j\""));
        assertTrue(waiting, waiting.contains("\"type\":\"pair.waiting\""));
        String request = ana.next(frame -> frame.contains("pair.request"));
        assertTrue(request, request.contains("\"name\":\"Bob\"") && request.contains(keyring.get("confirm-joiner").deviceId)
                && request.contains(keyring.get("confirm-joiner").identityKey));
        ana.send("{\"type\":\"pair.confirm\",\"id\":\"y\",\"code\":\"" + code + "\"}");
        String joined = bob.next(frame -> frame.contains("\"inReplyTo\":\"j\"") && !frame.contains("pair.waiting"));
        assertTrue(joined, joined.contains("\"type\":\"pair.joined\""));
        assertTrue(ana.next(frame -> frame.contains("\"inReplyTo\":\"y\"")).contains("pair.confirmed"));

        ana.send("{\"type\":\"pair.create\",\"id\":\"c2\"}");
        String second = field(ana.next(frame -> frame.contains("\"inReplyTo\":\"c2\"")), "code");
        SocketClient eve = device(https, "confirm-stranger", "Eve");
        eve.send("{\"type\":\"pair.join\",\"id\":\"e\",\"code\":\"" + second + "\"}");
        eve.next(frame -> frame.contains("pair.waiting"));
        ana.send("{\"type\":\"pair.reject\",\"id\":\"n\",\"code\":\"" + second + "\"}");
        String refused = eve.next(frame -> frame.contains("\"inReplyTo\":\"e\"") && !frame.contains("pair.waiting"));
        assertTrue(refused, refused.contains("\"code\":\"pairing-declined\""));
    }

    @Test
    public void aCodeThatAbsorbedTooManyWrongGuessesIsRetiredAndItsCreatorTold() throws Exception {
        updateSignaling("pairingGuessesPerCode", 8);
        Https https = new Https(context);
        SocketClient ana = device(https, "retired-owner", "Ana");
        ana.send("{\"type\":\"pair.create\",\"id\":\"c\"}");
        String code = field(ana.next(frame -> frame.contains("pair.created")), "code");
        SocketClient guesser = device(https, "retired-guesser", "Guesser");
        for (int guess = 0; guess < 8; guess++) {
            String wrong = String.format("%06d", (Integer.parseInt(code) + 1 + guess) % 1_000_000);
            guesser.send("{\"type\":\"pair.join\",\"id\":\"g" + guess + "\",\"code\":\"" + wrong + "\"}");
            guesser.next(frame -> frame.contains("\"inReplyTo\":\"g"));
        }
        String retired = ana.next(frame -> frame.contains("pair.retired"));
        assertTrue(retired, retired.contains(code));
        SocketClient bob = device(https, "retired-latecomer", "Bob");
        bob.send("{\"type\":\"pair.join\",\"id\":\"late\",\"code\":\"" + code + "\"}");
        assertTrue(bob.next(frame -> frame.contains("\"inReplyTo\":\"late\"")).contains("pairing-failed"));
    }

    @Test
    public void oneDeviceCannotTakeAllRelayCapacityWithSelfOffers() throws Exception {
        Https https = new Https(context);
        SocketClient hoarderA = socket(https);
        String offerer = hello(hoarderA, "hoarder-device", "Hoarder");
        SocketClient hoarderB = socket(https);
        String receiver = hello(hoarderB, "hoarder-device", "Hoarder");
        int tickets = 0;
        for (int i = 0; i < 300; i++) {
            String transferId = "hoard-" + i + "-" + System.nanoTime();
            hoarderA.send(offer(receiver, transferId, "relay", "a.bin", 1));
            hoarderB.next(frame -> frame.contains("transfer.offer") && frame.contains(transferId));
            hoarderB.send("{\"type\":\"transfer.accept\",\"id\":\"a" + i + "\",\"to\":\"" + offerer + "\",\"transferId\":\""
                    + transferId + "\",\"keyShare\":" + SHARE + "}");
            String answer = hoarderB.next(frame -> frame.contains("\"type\":\"transfer.relay\"") && frame.contains(transferId)
                    || frame.contains("\"inReplyTo\":\"a"));
            if (answer.contains("transfer.relay")) {
                tickets++;
            } else {
                break;
            }
        }
        assertTrue("relay tickets one device collected: " + tickets, tickets > 0 && tickets <= 16);

        SocketClient bob = socket(https);
        String bobId = hello(bob, "relay-bob", "Bob");
        SocketClient carol = socket(https);
        String carolId = hello(carol, "relay-carol", "Carol");
        String transferId = "real-" + System.nanoTime();
        bob.send(offer(carolId, transferId, "relay", "report.pdf", 10));
        carol.next(frame -> frame.contains("transfer.offer") && frame.contains(transferId));
        carol.send("{\"type\":\"transfer.accept\",\"id\":\"ok\",\"to\":\"" + bobId + "\",\"transferId\":\"" + transferId
                + "\",\"keyShare\":" + SHARE + "}");
        String ticket = carol.next(frame -> frame.contains("transfer.relay") || frame.contains("\"inReplyTo\":\"ok\""));
        assertTrue(ticket, ticket.contains("transfer.relay"));
    }

    @Test
    public void aRelaySideWaitingForItsPartnerHoldsNoServerThreadAndIsReleasedWhenItsDeviceLeaves() throws Exception {
        Https https = new Https(context);
        SocketClient ana = socket(https);
        String anaId = hello(ana, "waiting-ana", "Ana");
        SocketClient bob = socket(https);
        String bobId = hello(bob, "waiting-bob", "Bob");
        String transferId = "waiting-" + System.nanoTime();
        ana.send(offer(bobId, transferId, "relay", "a.bin", 1));
        bob.next(frame -> frame.contains("transfer.offer"));
        bob.send("{\"type\":\"transfer.accept\",\"to\":\"" + anaId + "\",\"transferId\":\"" + transferId + "\",\"keyShare\":" + SHARE + "}");
        String anaTicket = field(ana.next(frame -> frame.contains("\"type\":\"transfer.accept\"")), "token");
        SocketClient anaRelay = SocketClient.open(https, "/ws/relay/" + transferId + "?token=" + anaTicket);
        opened.add(anaRelay);
        for (int i = 0; i < 3; i++) {
            anaRelay.sendBinary(new byte[] {1, 2, 3});
        }
        // absence cannot be observed at an instant: give a parked thread two seconds to show up
        long parked = Eventually.await(SignalingAbuseIT::relayThreadsWaiting, count -> count > 0, Duration.ofSeconds(2));
        assertEquals("server threads parked in the relay for a missing partner", 0L, parked);
        bob.socket.abort();
        assertEquals("the waiting side is closed once its partner's device left",
                Integer.valueOf(1001), anaRelay.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void renamesReachTheRoomAsSmallCoalescedChanges() throws Exception {
        Https https = new Https(context);
        List<SocketClient> room = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            SocketClient listener = socket(https);
            hello(listener, "listener-" + i, "Listener " + i);
            room.add(listener);
        }
        SocketClient renamer = socket(https);
        hello(renamer, "renamer-device", "Renamer");
        for (SocketClient listener : room) {
            listener.next(frame -> frame.contains("Renamer"));
            listener.frames.clear();
        }
        int sent = 0;
        for (int i = 0; i < 40; i++) {
            String frame = "{\"type\":\"rename\",\"name\":\"Renamer " + i + "\"}";
            sent += frame.length();
            renamer.send(frame);
        }
        long received = 0;
        for (SocketClient listener : room) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String frame = "";
            while (!frame.contains("Renamer 39")) {
                frame = listener.frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertTrue("the last name did not arrive within 10 s", frame != null);
                received += frame.length();
            }
        }
        assertTrue("40 renames (" + sent + " characters) became " + received + " characters to 15 peers", received < 40 * sent);
    }

    @Test
    public void connectionsFromOneAddressAreCapped() throws Exception {
        updateSignaling("maxPeersPerAddress", 4);
        Https https = new Https(context);
        for (int i = 0; i < 4; i++) {
            hello(socket(https), "capped-" + i, "Capped " + i);
        }
        SocketClient fifth = socket(https);
        String refused = keyring.get("capped-4").hello(fifth::send, fifth::next, "Capped 4", host());
        assertTrue(refused, refused.contains("limit-reached"));
        assertEquals(Integer.valueOf(1008), fifth.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void discoveryAnswersNothingToCallersThatAreNotApproved() throws Exception {
        Https https = new Https(context);
        hello(socket(https), "discoverable-device", "Discoverable");
        Dictionary<String, Object> policy = policyProperties();
        policy.put("anonymousDevices", false);
        trust().approve(List.of(keyring.get("discoverable-device").deviceId), "itest");
        configurations.getConfiguration("io.lanvan.policy", "?").update(policy);
        awaitPolicy(current -> !current.anonymousDevices());
        HttpResponse<String> answer = https.get("/api/peers/discover");
        assertEquals(answer.body(), 403, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse(""), answer.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/problem+json"));
        assertTrue(answer.body(), !answer.body().contains("Discoverable"));
    }

    @Test
    public void aBlockedTypeDisguisedWithTrailingDotsSpacesOrDirectionMarksIsRefused() throws Exception {
        Dictionary<String, Object> policy = policyProperties();
        policy.put("blockedExtensions", new String[] {"exe"});
        configurations.getConfiguration("io.lanvan.policy", "?").update(policy);
        awaitPolicy(current -> current.blockedExtensions().contains("exe"));
        Https https = new Https(context);
        SocketClient ana = socket(https);
        hello(ana, "disguise-ana", "Ana");
        SocketClient bob = socket(https);
        String bobId = hello(bob, "disguise-bob", "Bob");
        String[] disguises = {"setup.exe.", "setup.exe ", "setup.exe. . ", "SETUP.EXE", "setup.e\\u200bxe", "setup.exe\\u202e",
            "setup.ｅｘｅ", "setup.exe::$DATA"};
        for (int i = 0; i < disguises.length; i++) {
            ana.send(offer(bobId, "disguise-" + i + "-" + System.nanoTime(), "auto", disguises[i], 10).replace("\"id\":\"o\"",
                    "\"id\":\"d" + i + "\""));
            String answer = ana.next(frame -> frame.contains("\"inReplyTo\":\"d"));
            assertTrue(disguises[i] + ": " + answer, answer.contains("policy-refused"));
        }
    }

    /** Threads of the server inside a relay wait (the parked-thread signature of the old relay). */
    private static long relayThreadsWaiting() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> {
            for (StackTraceElement element : stack) {
                if (element.getClassName().startsWith("io.lanvan.relay") && element.getMethodName().equals("onBinary")) {
                    return true;
                }
            }
            return false;
        }).count();
    }

    private SocketClient socket(Https https) throws Exception {
        SocketClient client = SocketClient.open(https);
        opened.add(client);
        return client;
    }

    private SocketClient device(Https https, String device, String name) throws Exception {
        SocketClient client = socket(https);
        hello(client, device, name);
        return client;
    }

    /** The device labelled {@code device} (one key per label) says hello and proves it; returns its peerId. */
    private String hello(SocketClient client, String device, String name) throws Exception {
        String welcome = keyring.get(device).hello(client::send, client::next, name, host());
        Matcher matcher = PEER_ID.matcher(welcome);
        assertTrue(welcome, matcher.find());
        return matcher.group(1);
    }

    private String host() {
        return "localhost:" + context.getProperty("org.osgi.service.http.port.secure");
    }

    private static String offer(String to, String transferId, String route, String name, long size) {
        return "{\"type\":\"transfer.offer\",\"id\":\"o\",\"to\":\"" + to + "\",\"transferId\":\"" + transferId + "\",\"route\":\""
                + route + "\",\"files\":[{\"name\":\"" + name + "\",\"size\":" + size + "}],\"totalBytes\":" + size
                + ",\"keyShare\":" + SHARE + "}";
    }

    private static String field(String frame, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(frame);
        assertTrue(frame, matcher.find());
        return matcher.group(1);
    }

    private void updateSignaling(String key, Object value) throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration("io.lanvan.signaling", "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
        // ConfigAdmin applies it on its own thread; DS then publishes the new value among the component's service properties
        String filter = "(&(component.name=io.lanvan.signaling.internal.Signaling)(" + key + "=" + value + "))";
        Object[] applied = Eventually.await(() -> context.getServiceReferences(io.lanvan.api.socket.SocketHandler.class.getName(), filter),
                references -> references != null, Duration.ofSeconds(10));
        assertTrue("signaling setting " + key + " not applied within 10 s", applied != null);
    }

    /** The trust capability, which keeps approvals; it serves once its schema is migrated. */
    private io.lanvan.api.trust.TrustService trust() throws Exception {
        return Eventually.await(() -> {
            ServiceReference<io.lanvan.api.trust.TrustService> reference = context.getServiceReference(io.lanvan.api.trust.TrustService.class);
            return reference == null ? null : context.getService(reference);
        }, java.util.Objects::nonNull, Duration.ofSeconds(60));
    }

    private Dictionary<String, Object> policyProperties() throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration("io.lanvan.policy", "?");
        return configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
    }

    private void updatePolicy(String key, Object value) throws Exception {
        Dictionary<String, Object> properties = policyProperties();
        properties.put(key, value);
        configurations.getConfiguration("io.lanvan.policy", "?").update(properties);
    }

    /** ConfigAdmin applies changes on its own thread: wait until the policy service has them. */
    private void awaitPolicy(Predicate<Policy> applied) throws Exception {
        Policy last = Eventually.await(() -> {
            ServiceReference<PolicyService> reference = context.getServiceReference(PolicyService.class);
            return reference == null ? null : context.getService(reference).current();
        }, policy -> policy != null && applied.test(policy), Duration.ofSeconds(10));
        assertTrue("policy not applied within 10 s: " + last, last != null && applied.test(last));
    }
}
