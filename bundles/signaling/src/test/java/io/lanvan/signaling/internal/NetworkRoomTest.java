package io.lanvan.signaling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworkRoomTest {
    @Test
    void privateAddressesShareARoomPerPrefix() throws Exception {
        assertEquals(room("192.168.1.10"), room("192.168.1.200"));
        assertNotEquals(room("192.168.1.10"), room("192.168.2.10"));
        assertEquals("net:10.1.2.0/24", room("10.1.2.3"));
    }

    @Test
    void aPublicIpv4AddressIsItsOwnRoomBecauseANatHidesTheDevicesBehindIt() throws Exception {
        assertEquals("net:203.0.113.9", room("203.0.113.9"));
        assertNotEquals(room("203.0.113.9"), room("203.0.113.10"));
    }

    @Test
    void ipv6AddressesShareARoomPerSlash64() throws Exception {
        assertEquals(room("2001:db8:1:2::10"), room("2001:db8:1:2:abcd::1"));
        assertNotEquals(room("2001:db8:1:2::10"), room("2001:db8:1:3::10"));
    }

    @Test
    void ipv4AndIpv6LoopbackAreDifferentRooms() throws Exception {
        assertNotEquals(room("127.0.0.1"), room("::1"));
    }

    private static String room(String address) throws Exception {
        return NetworkRoom.of(InetAddress.getByName(address), 24, 64);
    }
}
