package io.lanvan.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.policy.DeploymentMode;
import io.lanvan.api.policy.Policy;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    @Test
    void theDefaultsAreHybridWithNoLimits() {
        Policy policy = new Policies(config(Map.of())).current();
        assertEquals(DeploymentMode.HYBRID, policy.mode());
        assertTrue(policy.refusalOf("big.iso", Long.MAX_VALUE).isEmpty());
    }

    @Test
    void theConfigurationDefaultsAreThePoliciesThatApplyWhileThisBundleIsStopped() throws Exception {
        assertEquals(Policy.DEFAULTS, RulesInForce.of(Policies.Defaults.CONFIG).policy());
    }

    @Test
    void sizeAndTypeRulesNameTheFileAndTheLimit() throws Exception {
        Policy policy = RulesInForce.of(config(Map.of("maxFileBytes", 100L, "maxTransferBytes", 150L,
                "blockedExtensions", new String[] {".EXE", "bat"}))).policy();
        assertTrue(policy.refusalOf("a.txt", 101).orElseThrow().contains("100 bytes per file"));
        assertTrue(policy.refusalOf("tools/setup.exe", 1).orElseThrow().contains(".exe"));
        assertTrue(policy.refusalOf("run.BAT", 1).isPresent());
        assertTrue(policy.refusalOf("notes.txt", 100).isEmpty());
        assertTrue(policy.refusalOfTotal(151).orElseThrow().contains("150 bytes per transfer"));
    }

    @Test
    void listsWrittenAsOneCommaSeparatedLineInACfgFileAreSplit() throws Exception {
        Policy policy = RulesInForce.of(config(Map.of("blockedExtensions", new String[] {"exe, bat ,msi"},
                "clientDeny", new String[] {"10.0.0.0/8, 192.168.5.5"}))).policy();
        assertEquals(java.util.Set.of("exe", "bat", "msi"), policy.blockedExtensions());
        assertEquals(List.of("10.0.0.0/8", "192.168.5.5"), policy.clientDeny());
    }

    @Test
    void anInvalidSettingIsRefusedNamingItsField() {
        assertEquals("mode", assertThrows(InvalidPolicy.class, () -> RulesInForce.of(config(Map.of("mode", "turbo")))).field());
        assertEquals("clientAllow", assertThrows(InvalidPolicy.class,
                () -> RulesInForce.of(config(Map.of("clientAllow", new String[] {"10.0.0.0/33"})))).field());
        assertEquals("maxFileBytes", assertThrows(InvalidPolicy.class,
                () -> RulesInForce.of(config(Map.of("maxFileBytes", -1L)))).field());
        assertEquals("blockedExtensions", assertThrows(InvalidPolicy.class,
                () -> RulesInForce.of(config(Map.of("blockedExtensions", new String[] {"ex e"})))).field());
    }

    @Test
    void valuesOfTheWrongJsonShapeAreRefusedInsteadOfCutOrSavedAsText() {
        Policies policies = new Policies(config(Map.of()));
        for (Map<String, Object> change : List.<Map<String, Object>>of(
                Map.of("maxFileBytes", new java.math.BigInteger("99999999999999999999999")),
                Map.of("maxFileBytes", 1.5), Map.of("clientDeny", Map.of()),
                Map.of("clientAllow", List.of(List.of("10.0.0.0/8"))), Map.of("mode", Map.of("a", 1)))) {
            List<String> problems = policies.validate(change);
            assertEquals(1, problems.size(), change.toString());
            assertTrue(problems.get(0).startsWith(change.keySet().iterator().next()), problems.get(0));
        }
        assertEquals(List.of(), policies.validate(Map.of("maxFileBytes", 2048, "clientDeny", List.of("10.9.0.0/16"))));
    }

    @Test
    void addressListsMatchIpv4AndIpv6RangesAndDenyWins() {
        Policies policies = new Policies(config(Map.of("clientAllow", new String[] {"192.168.1.0/24", "fd00::/8", "127.0.0.1"},
                "clientDeny", new String[] {"192.168.1.66"}, "adminAllow", new String[] {"10.0.0.0/8"})));
        assertTrue(policies.clientAllowed("192.168.1.20"));
        assertTrue(policies.clientAllowed("fd00::2"));
        assertTrue(policies.clientAllowed("127.0.0.1"));
        assertFalse(policies.clientAllowed("192.168.1.66"));
        assertFalse(policies.clientAllowed("192.168.2.1"));
        assertFalse(policies.clientAllowed("2001:db8::1"));
        assertTrue(policies.adminAllowed("10.1.2.3"));
        assertFalse(policies.adminAllowed("192.168.1.20"));
        assertTrue(new Policies(config(Map.of())).adminAllowed("203.0.113.5"), "empty allow list allows all");
    }

    @Test
    void aBrokenChangeKeepsThePreviousPoliciesAndAGoodOneReachesListeners() throws Exception {
        Policies policies = new Policies(config(Map.of("mode", "p2p-first")));
        List<Policy> heard = new CopyOnWriteArrayList<>();
        policies.addListener(heard::add);
        policies.modified(config(Map.of("mode", "nonsense")));
        assertEquals(DeploymentMode.P2P_FIRST, policies.current().mode());
        policies.modified(config(Map.of("mode", "server-only")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (heard.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<DeploymentMode> modes = new ArrayList<>();
        heard.forEach(policy -> modes.add(policy.mode()));
        assertEquals(List.of(DeploymentMode.P2P_FIRST, DeploymentMode.SERVER_ONLY), modes);
        policies.deactivate();
    }

    /** A configuration with some values set and the annotation's defaults for the rest, as ConfigAdmin gives it. */
    static PolicyConfig config(Map<String, Object> values) {
        return (PolicyConfig) Proxy.newProxyInstance(PolicyConfig.class.getClassLoader(), new Class<?>[] {PolicyConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue() != null ? method.getDefaultValue() : PolicyConfig.class);
    }
}
