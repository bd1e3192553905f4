package io.lanvan.web.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** One address or CIDR range of a setting such as {@code metricsAllow}: {@code 127.0.0.0/8}, {@code ::1}. */
final class AddressRange {
    /** Literals only: a host name here would make access depend on DNS answers. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses every entry; a malformed one fails with a message naming the setting and the entry. */
    static List<AddressRange> parseAll(String setting, String[] entries) {
        return Arrays.stream(entries).map(String::trim).filter(entry -> !entry.isEmpty())
                .map(entry -> parse(setting, entry)).toList();
    }

    static AddressRange parse(String setting, String entry) {
        String[] parts = entry.split("/", 2);
        String address = parts[0].startsWith("[") && parts[0].endsWith("]")
                ? parts[0].substring(1, parts[0].length() - 1) : parts[0];
        if (!LITERAL.matcher(address).matches()) {
            throw invalid(setting, entry);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(setting, entry);
        }
        int prefix = bytes.length * 8;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw invalid(setting, entry);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw invalid(setting, entry);
            }
        }
        return new AddressRange(bytes, prefix);
    }

    /** Whether a remote address as the container reports it (an IP literal) lies in this range. */
    boolean contains(String remoteAddress) {
        String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        int scope = literal.indexOf('%');
        if (scope >= 0) {
            literal = literal.substring(0, scope);
        }
        if (!LITERAL.matcher(literal).matches()) {
            return false;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    private static IllegalArgumentException invalid(String setting, String entry) {
        return new IllegalArgumentException(setting + ": '" + entry
                + "' is not an IP address or CIDR range (such as 10.0.0.0/8 or fd00::/8)");
    }
}
