package io.lanvan.launcher.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The names and addresses the local CA may vouch for, written into its certificate as a critical Name
 * Constraints extension (RFC 5280 4.2.1.10): the server's own host names, {@code localhost}, names under
 * {@code .local} (mDNS), and the private, loopback and link-local address ranges. Browsers and Java refuse
 * any certificate from this CA for another name, so its key cannot impersonate public sites even in the
 * hands of someone who has taken over the server.
 *
 * @param dnsNames  permitted DNS names; each also permits its sub-domains
 * @param addresses permitted address ranges
 */
record LanScope(Set<String> dnsNames, List<AddressRange> addresses) {

    /** Private (RFC 1918, RFC 4193), loopback and link-local ranges: addresses only a LAN or this machine has. */
    static final List<AddressRange> LAN_RANGES = List.of(
            AddressRange.of("10.0.0.0", 8), AddressRange.of("172.16.0.0", 12), AddressRange.of("192.168.0.0", 16),
            AddressRange.of("127.0.0.0", 8), AddressRange.of("169.254.0.0", 16),
            AddressRange.of("fc00::", 7), AddressRange.of("fe80::", 10), AddressRange.of("::1", 128));

    LanScope {
        dnsNames = Set.copyOf(dnsNames);
        addresses = List.copyOf(addresses);
    }

    /** The scope of a new CA for {@code host}. */
    static LanScope forHost(HostIdentity host) {
        Set<String> names = new LinkedHashSet<>(host.dnsNames());
        names.add("localhost");
        names.add("local");
        return new LanScope(names, LAN_RANGES);
    }

    /** The scope written in {@code ca}, or empty when it has no Name Constraints (a CA from before they were set). */
    static Optional<LanScope> of(X509Certificate ca) {
        byte[] extension = ca.getExtensionValue(Extension.nameConstraints.getId());
        if (extension == null || !ca.getCriticalExtensionOIDs().contains(Extension.nameConstraints.getId())) {
            return Optional.empty();
        }
        NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        Set<String> names = new LinkedHashSet<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (GeneralSubtree subtree : constraints.getPermittedSubtrees() == null ? new GeneralSubtree[0]
                : constraints.getPermittedSubtrees()) {
            GeneralName base = subtree.getBase();
            if (base.getTagNo() == GeneralName.dNSName) {
                names.add(((ASN1String) base.getName()).getString().toLowerCase(Locale.ROOT));
            } else if (base.getTagNo() == GeneralName.iPAddress) {
                ranges.add(AddressRange.decode(ASN1OctetString.getInstance(base.getName()).getOctets()));
            }
        }
        return Optional.of(new LanScope(names, ranges));
    }

    /** Permitted subtrees only: every name type a server certificate carries (DNS, IP) is listed, so none is open. */
    NameConstraints toExtension() {
        List<GeneralSubtree> permitted = new ArrayList<>();
        dnsNames.forEach(name -> permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, name))));
        addresses.forEach(range -> permitted.add(new GeneralSubtree(
                new GeneralName(GeneralName.iPAddress, new DEROctetString(range.encoded())))));
        return new NameConstraints(permitted.toArray(new GeneralSubtree[0]), null);
    }

    boolean permits(String dnsName) {
        String name = dnsName.toLowerCase(Locale.ROOT);
        return dnsNames.stream().anyMatch(permitted -> name.equals(permitted) || name.endsWith("." + permitted));
    }

    boolean permits(InetAddress address) {
        return addresses.stream().anyMatch(range -> range.contains(address));
    }

    /** The part of {@code host} inside this scope; {@code localhost} if none of its names is. */
    HostIdentity servable(HostIdentity host) {
        Set<String> names = new LinkedHashSet<>();
        host.dnsNames().stream().filter(this::permits).forEach(names::add);
        if (names.isEmpty()) {
            names.add("localhost");
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        host.addresses().stream().filter(this::permits).forEach(addresses::add);
        return new HostIdentity(names, addresses);
    }

    /** An address block: the network's first address and the prefix length. */
    record AddressRange(byte[] network, int prefix) {

        static AddressRange of(String literal, int prefix) {
            try {
                return new AddressRange(InetAddress.getByName(literal).getAddress(), prefix);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Not an address literal: " + literal, e);
            }
        }

        /** From the Name Constraints encoding: the address followed by the mask, as RFC 5280 4.2.1.10 writes it. */
        static AddressRange decode(byte[] addressAndMask) {
            int length = addressAndMask.length / 2;
            byte[] network = new byte[length];
            System.arraycopy(addressAndMask, 0, network, 0, length);
            int prefix = 0;
            for (int i = length; i < addressAndMask.length; i++) {
                prefix += Integer.bitCount(addressAndMask[i] & 0xff);
            }
            return new AddressRange(network, prefix);
        }

        byte[] encoded() {
            byte[] encoded = new byte[network.length * 2];
            System.arraycopy(network, 0, encoded, 0, network.length);
            for (int bit = 0; bit < prefix; bit++) {
                encoded[network.length + bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
            return encoded;
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
