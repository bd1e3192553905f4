package io.lanvan.launcher.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.IPAddress;
import org.junit.jupiter.api.Test;

class HostIdentityTest {

    @Test
    void thisMachineIsReachableAsLocalhostAndThroughLoopback() throws Exception {
        HostIdentity host = HostIdentity.ofThisMachine();

        assertTrue(host.dnsNames().contains("localhost"));
        assertTrue(host.addresses().contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(host.addresses().contains(InetAddress.getByName("::1")));
    }

    @Test
    void thisMachineLeavesOutAddressesACertificateCannotName() {
        for (InetAddress address : HostIdentity.ofThisMachine().addresses()) {
            if (address instanceof Inet6Address ipv6) {
                assertFalse(ipv6.isLinkLocalAddress(), address.getHostAddress());
                assertFalse(address.getHostAddress().contains("%"), address.getHostAddress());
            }
        }
    }

    @Test
    void thisMachineNamesAreHostNamesNotIpLiterals() {
        for (String name : HostIdentity.ofThisMachine().dnsNames()) {
            assertFalse(IPAddress.isValid(name), name);
        }
    }

    @Test
    void scopeIdsAreDroppedAndNamesLowerCased() throws Exception {
        InetAddress scoped = Inet6Address.getByAddress(null,
                InetAddress.getByName("2001:db8::1").getAddress(), 3);

        HostIdentity host = new HostIdentity(Set.of("LANVan-Box"), Set.of(scoped));

        assertEquals(Set.of("lanvan-box"), host.dnsNames());
        assertEquals("2001:db8:0:0:0:0:0:1", host.addresses().iterator().next().getHostAddress());
    }

    @Test
    void firstNameIsTheServersMainName() {
        HostIdentity host = new HostIdentity(new LinkedHashSet<>(List.of("box", "localhost")), Set.of());

        assertEquals("box", host.primaryName());
    }

    @Test
    void anIdentityWithoutNamesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HostIdentity(Set.of(), Set.of()));
    }
}
