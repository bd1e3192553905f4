package io.lanvan.policy.internal;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;

/** A list of IPv4/IPv6 ranges in CIDR notation (a plain address is a range of one). */
final class AddressList {
    private final List<IPAddress> ranges;

    private AddressList(List<IPAddress> ranges) {
        this.ranges = ranges;
    }

    /** Parses every entry, failing with a message that names the field and the entry. */
    static AddressList parse(String field, List<String> entries) throws InvalidPolicy {
        List<IPAddress> ranges = new ArrayList<>();
        for (String entry : entries) {
            try {
                IPAddress range = new IPAddressString(entry.strip()).toAddress();
                if (range == null) {
                    throw new InvalidPolicy(field, "'" + entry + "' is not an IPv4 or IPv6 address or CIDR range");
                }
                ranges.add(range.toPrefixBlock());
            } catch (AddressStringException e) {
                throw new InvalidPolicy(field, "'" + entry + "' is not an IPv4 or IPv6 address or CIDR range");
            }
        }
        return new AddressList(ranges);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean contains(String address) {
        IPAddress parsed = new IPAddressString(address).getAddress();
        if (parsed == null) {
            return false;
        }
        IPAddress candidate = parsed.isIPv4Convertible() && parsed.isIPv6() ? parsed.toIPv4() : parsed;
        for (IPAddress range : ranges) {
            if (range.getIPVersion() == candidate.getIPVersion() && range.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Allowed when not denied and either no allow list is set or the address is on it. */
    static boolean permits(AddressList allow, AddressList deny, String address) {
        return !deny.contains(address) && (allow.isEmpty() || allow.contains(address));
    }
}
