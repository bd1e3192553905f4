package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
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
import io.lanvan.api.policy.DeploymentMode;
import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyService;
import java.util.function.Predicate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/** Mode and policies changed through ConfigAdmin reach connected devices at once and the server enforces them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PolicyIT {
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";
    private static final String SHARE = "{\"publicKey\":\"" + KEY + "\",\"signature\":\"" + KEY + "\"}";

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
        configurations.getConfiguration("io.lanvan.policy", "?").delete();
        awaitPolicy(policy -> policy.mode() == DeploymentMode.HYBRID && policy.clientDeny().isEmpty()
                && policy.adminDeny().isEmpty() && policy.maxFileBytes() == 0);
    }

    @Test
    public void aModeChangeReachesConnectedDevicesWithinASecond() throws Exception {
        Https https = new Https(context);
        SocketClient ana = SocketClient.open(https);
        String welcome = TestDevice.generate().hello(ana, "Ana", https.host());
        assertTrue(welcome, welcome.contains("\"mode\":\"hybrid\""));
        long start = System.nanoTime();
        setPolicy("mode", "server-only");
        String policy = ana.next(frame -> frame.contains("\"type\":\"policy\"") && frame.contains("server-only"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("policy arrived after " + millis + " ms: " + policy, millis < 1000);
    }

    @Test
    public void serverOnlyForbidsDirectSignalingAndSendsAutoOffersThroughTheRelay() throws Exception {
        setPolicy("mode", "server-only");
        Https https = new Https(context);
        Pair pair = Pair.connect(https, "so");
        pair.ana.send("{\"type\":\"signal\",\"id\":\"s\",\"to\":\"" + pair.bobId + "\",\"transferId\":\"transfer-so1\",\"data\":{}}");
        assertTrue(pair.ana.next(frame -> frame.contains("\"inReplyTo\":\"s\"")).contains("policy-refused"));
        pair.ana.send(offer(pair.bobId, "transfer-so2", "auto", "a.txt", 10));
        assertTrue(pair.bob.next(frame -> frame.contains("transfer.offer")).contains("\"route\":\"relay\""));
    }

    @Test
    public void p2pFirstRefusesRelayRoutesAndHandsOutNoRelayTickets() throws Exception {
        setPolicy("mode", "p2p-first");
        Https https = new Https(context);
        Pair pair = Pair.connect(https, "pf");
        pair.ana.send(offer(pair.bobId, "transfer-pf1", "relay", "a.txt", 10));
        String refused = pair.ana.next(frame -> frame.contains("\"inReplyTo\":\"o\""));
        assertTrue(refused, refused.contains("policy-refused") && refused.contains("p2p-first"));
        pair.ana.send(offer(pair.bobId, "transfer-pf2", "auto", "a.txt", 10));
        assertTrue(pair.bob.next(frame -> frame.contains("transfer.offer")).contains("\"route\":\"direct\""));
        pair.bob.send("{\"type\":\"transfer.accept\",\"to\":\"" + pair.anaId + "\",\"transferId\":\"transfer-pf2\",\"keyShare\":" + SHARE + "}");
        assertFalse(pair.ana.next(frame -> frame.contains("\"type\":\"transfer.accept\"")).contains("\"relay\""));
    }

    @Test
    public void filesOverTheSizeLimitOrOfABlockedTypeAreRefusedNamingTheRule() throws Exception {
        Dictionary<String, Object> policy = new Hashtable<>();
        policy.put("maxFileBytes", 1000L);
        policy.put("blockedExtensions", new String[] {"exe"});
        configurations.getConfiguration("io.lanvan.policy", "?").update(policy);
        awaitPolicy(current -> current.maxFileBytes() == 1000);
        Https https = new Https(context);
        Pair pair = Pair.connect(https, "sz");
        pair.ana.send(offer(pair.bobId, "transfer-sz1", "auto", "big.bin", 1001));
        assertTrue(pair.ana.next(frame -> frame.contains("\"inReplyTo\":\"o\"")).contains("1000 bytes per file"));
        pair.ana.send(offer(pair.bobId, "transfer-sz2", "auto", "setup.exe", 10));
        assertTrue(pair.ana.next(frame -> frame.contains("\"inReplyTo\":\"o\"")).contains(".exe"));
    }

    @Test
    public void aDeniedClientAddressGets403ButHealthIsStillAnswered() throws Exception {
        setPolicy("clientDeny", "127.0.0.1, ::1");
        Https https = new Https(context);
        assertEquals(403, https.await("/", response -> response.statusCode() == 403, java.time.Duration.ofSeconds(10)).statusCode());
        assertTrue(https.get("/").body().contains("may not be used from"));
        assertEquals(200, https.await("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(30)).statusCode());
        assertEquals(200, https.get("/admin/").statusCode());
        setPolicy("adminDeny", "127.0.0.0/8");
        assertEquals(403, https.await("/admin/", response -> response.statusCode() == 403, java.time.Duration.ofSeconds(10)).statusCode());
    }

    private void setPolicy(String key, String value) throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration("io.lanvan.policy", "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
        awaitPolicy(policy -> value.equals(String.valueOf(describe(policy).get(key))));
    }

    /** ConfigAdmin applies changes on its own thread: wait until the policy service has them. */
    private void awaitPolicy(Predicate<Policy> applied) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ServiceReference<PolicyService> reference = context.getServiceReference(PolicyService.class);
            if (reference != null && applied.test(context.getService(reference).current())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Policy not applied within 10 s");
    }

    private static java.util.Map<String, Object> describe(Policy policy) {
        return java.util.Map.of("mode", policy.mode().wire(), "clientDeny", String.join(", ", policy.clientDeny()),
                "adminDeny", String.join(", ", policy.adminDeny()));
    }

    private static String offer(String to, String transferId, String route, String name, long size) {
        return "{\"type\":\"transfer.offer\",\"id\":\"o\",\"to\":\"" + to + "\",\"transferId\":\"" + transferId
                + "\",\"route\":\"" + route + "\",\"files\":[{\"name\":\"" + name + "\",\"size\":" + size + "}],\"totalBytes\":"
                + size + ",\"keyShare\":" + SHARE + "}";
    }

    /** Two devices on the same network, both past hello. */
    private static final class Pair {
        SocketClient ana;
        SocketClient bob;
        String anaId;
        String bobId;

        static Pair connect(Https https, String tag) throws Exception {
            Pair pair = new Pair();
            pair.ana = SocketClient.open(https);
            pair.anaId = peerIdIn(TestDevice.generate().hello(pair.ana, "Ana", https.host()));
            pair.bob = SocketClient.open(https);
            pair.bobId = peerIdIn(TestDevice.generate().hello(pair.bob, "Bob", https.host()));
            return pair;
        }

        private static String peerIdIn(String welcome) {
            Matcher matcher = Pattern.compile("\"self\":\\{\"peerId\":\"([^\"]+)\"").matcher(welcome);
            assertTrue(welcome, matcher.find());
            return matcher.group(1);
        }
    }
}
