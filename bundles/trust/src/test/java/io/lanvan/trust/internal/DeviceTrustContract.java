package io.lanvan.trust.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.trust.Admission;
import io.lanvan.api.trust.DeviceClaim;
import io.lanvan.api.trust.DevicePage;
import io.lanvan.api.trust.DeviceQuery;
import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.ReputationEvent;
import io.lanvan.api.trust.TrustEvent;
import io.lanvan.api.trust.TrustedDevice;
import io.lanvan.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DeviceTrust on a real database: run on H2 and PostgreSQL by the subclasses. */
abstract class DeviceTrustContract {
    private static final String ANA = "ana-device-0001";
    private static final String BOB = "bob-device-0002";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private TrustDatabase database;
    private DeviceTrust trust;

    abstract TrustDatabase open() throws Exception;

    @BeforeEach
    void start() throws Exception {
        database = open();
        trust = new DeviceTrust(database.entities(), new ReputationScore(Duration.ofDays(14), -4, ReputationScore.Action.HOLD), clock);
    }

    @AfterEach
    void stop() throws Exception {
        database.close();
    }

    private static DeviceClaim claim(String deviceId, String name, String address) {
        return new DeviceClaim(deviceId, "key-of-" + deviceId, name, "linux", address);
    }

    @Test
    void aNewDeviceIsAdmittedOnlyWhileApprovalIsNotRequiredAndWaitsOtherwise() {
        assertEquals(Admission.ADMITTED, trust.admit(claim(ANA, "Ana", "10.0.0.2"), false));
        Admission waiting = trust.admit(claim(BOB, "Bob", "10.0.0.3"), true);
        assertEquals(Admission.Verdict.AWAITING_APPROVAL, waiting.verdict());
        assertTrue(waiting.reason().contains(BOB));
        trust.approve(List.of(BOB), "admin");
        assertEquals(Admission.ADMITTED, trust.admit(claim(BOB, "Bob", "10.0.0.3"), true));
    }

    @Test
    void aRevokedIdIsRefusedWhateverNameItClaimsEvenBeforeItWasSeen() {
        trust.revoke(List.of(ANA), "admin");
        for (String name : List.of("Ana", "Printer")) {
            Admission refused = trust.admit(claim(ANA, name, "10.0.0.9"), false);
            assertEquals(Admission.Verdict.REVOKED, refused.verdict());
        }
        TrustedDevice ana = trust.device(ANA).orElseThrow();
        assertEquals("admin", ana.decidedBy());
        assertEquals("key-of-" + ANA, ana.identityKey());
    }

    @Test
    void aDeviceKeepsItsFirstSeenAndItsLastFewAddressesNewestFirst() {
        trust.admit(claim(ANA, "Ana", "10.0.0.1"), false);
        Instant first = clock.instant();
        for (int i = 2; i <= 7; i++) {
            clock.advance(Duration.ofMinutes(1));
            trust.admit(claim(ANA, "Ana " + i, "10.0.0." + i), false);
        }
        trust.admit(claim(ANA, "Ana", "10.0.0.5"), false);
        TrustedDevice ana = trust.device(ANA).orElseThrow();
        assertEquals(first, ana.firstSeen());
        assertEquals(clock.instant(), ana.lastSeen());
        assertEquals(List.of("10.0.0.5", "10.0.0.7", "10.0.0.6", "10.0.0.4", "10.0.0.3"), ana.addresses());
    }

    @Test
    void aReportCountsOncePerReporterAndTheHoldPolicyHoldsTheDeviceUntilApproved() {
        trust.admit(claim(BOB, "Bob", "10.0.0.3"), false);
        assertTrue(trust.record(BOB, ReputationEvent.REPORTED, ANA, "spam").orElseThrow().counted());
        assertFalse(trust.record(BOB, ReputationEvent.REPORTED, ANA, "spam again").orElseThrow().counted());
        TrustedDevice bob = trust.device(BOB).orElseThrow();
        assertEquals(DeviceStatus.HELD, bob.status());
        assertEquals(1, bob.reputation().reports());
        assertEquals(-5, bob.reputation().score(), 1e-9);
        assertEquals(Admission.Verdict.HELD, trust.admit(claim(BOB, "Bob", "10.0.0.3"), false).verdict());
        trust.approve(List.of(BOB), "admin");
        assertEquals(Admission.ADMITTED, trust.admit(claim(BOB, "Bob", "10.0.0.3"), false));
        List<String> kinds = trust.history(BOB, 10).stream().map(TrustEvent::kind).toList();
        assertEquals(List.of("approved", "refused", "held", "reported", "first-seen"), kinds);
        assertEquals(Optional.empty(), trust.record("never-seen-0001", ReputationEvent.COMPLETED, ANA, ""));
    }

    @Test
    void oldEventsFadeWithTheHalfLife() {
        trust.admit(claim(ANA, "Ana", "10.0.0.2"), false);
        trust.record(ANA, ReputationEvent.FAILED, BOB, "transfer t1");
        trust.record(ANA, ReputationEvent.FAILED, BOB, "transfer t2");
        clock.advance(Duration.ofDays(14));
        assertEquals(-1, trust.device(ANA).orElseThrow().reputation().score(), 1e-6);
        trust.record(ANA, ReputationEvent.COMPLETED, BOB, "transfer t3");
        assertEquals(0, trust.device(ANA).orElseThrow().reputation().score(), 1e-6);
        assertEquals(DeviceStatus.PENDING, trust.device(ANA).orElseThrow().status(), "never below the threshold of -4");
    }

    @Test
    void devicesAreListedByStatusTextAndScoreAPageAtATime() {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            trust.admit(claim("laptop-device-" + i, "Laptop " + i, "10.0.0." + i), false);
        }
        trust.admit(claim(ANA, "Ana's 100%_phone", "10.0.1.1"), false);
        trust.revoke(List.of("laptop-device-1"), "admin");
        trust.record("laptop-device-2", ReputationEvent.HASH_MISMATCH, ANA, "t");

        DevicePage laptops = trust.devices(new DeviceQuery(Optional.empty(), "LAPTOP", Optional.empty(), 0, 2));
        assertEquals(5, laptops.total());
        assertEquals(List.of("laptop-device-4", "laptop-device-3"), laptops.devices().stream().map(TrustedDevice::deviceId).toList());
        assertEquals(List.of("laptop-device-1"), trust.devices(new DeviceQuery(Optional.of(DeviceStatus.REVOKED), "", Optional.empty(), 0, 50))
                .devices().stream().map(TrustedDevice::deviceId).toList());
        assertEquals(List.of("laptop-device-2"), trust.devices(new DeviceQuery(Optional.empty(), "", Optional.of(-1.0), 0, 50))
                .devices().stream().map(TrustedDevice::deviceId).toList());
        assertEquals(List.of(ANA), trust.devices(new DeviceQuery(Optional.empty(), "100%_", Optional.empty(), 0, 50))
                .devices().stream().map(TrustedDevice::deviceId).toList(), "% and _ are text, not wildcards");
        for (String wildcard : List.of("laptop%", "laptop_device")) {
            assertEquals(0, trust.devices(new DeviceQuery(Optional.empty(), wildcard, Optional.empty(), 0, 50)).total(), wildcard);
        }
    }

    @Test
    void anExportHoldsWhatTrustKeepsAboutTheDeviceAndAnErasureLeavesNothingOfIt() {
        DevicePersonalData personalData = new DevicePersonalData(database.entities(), clock);
        trust.admit(claim(ANA, "Ana's phone", "10.0.0.2"), false);
        trust.admit(claim(BOB, "Bob", "10.0.0.3"), false);
        trust.record(BOB, ReputationEvent.REPORTED, ANA, "sends junk");
        trust.record(ANA, ReputationEvent.COMPLETED, BOB, "transfer t1");

        String exported = personalData.export(ANA).toString();
        for (String expected : List.of("Ana's phone", "10.0.0.2", "first-seen", "sends junk", "transfer t1")) {
            assertTrue(exported.contains(expected), expected + " in " + exported);
        }

        Map<String, Long> erased = personalData.erase(ANA);
        assertEquals(1L, erased.get("devices"));
        assertEquals(1L, erased.get("reports"));
        assertTrue(erased.get("mentionsInOtherHistories") >= 1, "Ana's report is in Bob's history: " + erased);
        assertEquals(Map.of(), personalData.export(ANA));
        assertEquals(Optional.empty(), trust.device(ANA));
        assertFalse(trust.history(BOB, 50).stream().anyMatch(event -> event.actor().equals(ANA)), "Bob's history no longer names Ana");
        assertTrue(personalData.erase(ANA).values().stream().allMatch(count -> count == 0), "a second erasure finds nothing");
    }

    @Test
    void anErasedRevokedDeviceLosesItsNameAndAddressesButStaysRevoked() {
        DevicePersonalData personalData = new DevicePersonalData(database.entities(), clock);
        trust.admit(claim(ANA, "Ana", "10.0.0.2"), false);
        trust.revoke(List.of(ANA), "admin");
        personalData.erase(ANA);
        TrustedDevice kept = trust.device(ANA).orElseThrow();
        assertEquals(DeviceStatus.REVOKED, kept.status());
        assertEquals("", kept.name());
        assertEquals(List.of(), kept.addresses());
        assertEquals(Admission.Verdict.REVOKED, trust.admit(claim(ANA, "Someone else", "10.0.0.9"), false).verdict());
    }

    @Test
    void invalidIdsAndOversizedBulkDecisionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> trust.approve(List.of("short"), "admin"));
        assertThrows(IllegalArgumentException.class, () -> trust.revoke(List.of("../../etc/passwd"), "admin"));
        List<String> many = java.util.stream.IntStream.rangeClosed(0, 500).mapToObj(i -> "device-" + (100_000 + i)).toList();
        assertThrows(IllegalArgumentException.class, () -> trust.approve(many, "admin"));
        assertEquals(0, trust.devices(new DeviceQuery(Optional.empty(), "", Optional.empty(), 0, 50)).total());
    }
}
