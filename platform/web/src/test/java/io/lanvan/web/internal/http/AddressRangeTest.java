package io.lanvan.web.internal.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressRangeTest {
    @Test
    void rangesContainTheirAddressesOnly() {
        AddressRange loopback = AddressRange.parse("metricsAllow", "127.0.0.0/8");
        assertTrue(loopback.contains("127.0.0.1"));
        assertTrue(loopback.contains("127.255.1.2"));
        assertFalse(loopback.contains("128.0.0.1"));
        assertFalse(loopback.contains("::1"));
        AddressRange odd = AddressRange.parse("metricsAllow", "10.20.30.64/27");
        assertTrue(odd.contains("10.20.30.95"));
        assertFalse(odd.contains("10.20.30.96"));
        assertTrue(AddressRange.parse("metricsAllow", "::1").contains("0:0:0:0:0:0:0:1"));
        assertTrue(AddressRange.parse("metricsAllow", "::1").contains("[::1]"));
        assertTrue(AddressRange.parse("metricsAllow", "fd00::/8").contains("fd12::5%eth0"));
        assertTrue(AddressRange.parse("metricsAllow", "0.0.0.0/0").contains("203.0.113.9"));
    }

    @Test
    void hostNamesAndMalformedEntriesAreRefusedNamingTheSetting() {
        for (String entry : new String[] {"example.com", "10.0.0.0/33", "10.0.0.1/x", "", "::1/129", "localhost"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AddressRange.parse("metricsAllow", entry), entry);
            assertTrue(e.getMessage().startsWith("metricsAllow: "), e.getMessage());
        }
    }

    @Test
    void addressesThatAreNoLiteralsAreNeverContained() {
        assertFalse(AddressRange.parse("metricsAllow", "0.0.0.0/0").contains("evil.example"));
    }
}
