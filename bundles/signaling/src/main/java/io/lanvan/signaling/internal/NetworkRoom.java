package io.lanvan.signaling.internal;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Which network room an address belongs to. Devices behind one NAT share a public IPv4 address;
 * devices the server sees directly (private, loopback, CGNAT and every IPv6 address) are grouped
 * by prefix, since each has an address of its own.
 */
final class NetworkRoom {
    private NetworkRoom() {
    }

    static String of(InetAddress address, int ipv4Prefix, int ipv6Prefix) {
        if (address instanceof Inet4Address && !isLocal(address)) {
            return "net:" + address.getHostAddress();
        }
        int prefix = address instanceof Inet4Address ? ipv4Prefix : ipv6Prefix;
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return "net:" + InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean isLocal(InetAddress address) {
        byte[] b = address.getAddress();
        boolean carrierGradeNat = (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return address.isSiteLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || carrierGradeNat;
    }
}
