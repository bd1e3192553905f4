package io.lanvan.launcher.tls;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.util.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names and addresses browsers may use to reach this server; each must appear in the server
 * certificate, or the browser refuses the connection.
 *
 * @param dnsNames  host names, the first being the server's main name (certificate common name)
 * @param addresses IP addresses, without IPv6 scope ids (a certificate cannot carry them)
 */
public record HostIdentity(Set<String> dnsNames, Set<InetAddress> addresses) {

    private static final Logger LOG = LoggerFactory.getLogger(HostIdentity.class);

    public HostIdentity {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("A host identity needs at least one DNS name");
        }
        Set<String> names = new LinkedHashSet<>();
        dnsNames.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        Set<InetAddress> plain = new LinkedHashSet<>();
        addresses.forEach(address -> plain.add(withoutScope(address)));
        dnsNames = Collections.unmodifiableSet(names);
        addresses = Collections.unmodifiableSet(plain);
    }

    /**
     * This machine's host name, {@code localhost}, and every address of every network interface that is
     * up. Link-local IPv6 addresses are left out: browsers need a zone id to use them, which a certificate
     * cannot hold.
     */
    public static HostIdentity ofThisMachine() {
        Set<String> names = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            addName(names, local.getHostName());
            addName(names, local.getCanonicalHostName());
        } catch (UnknownHostException | SecurityException e) {
            LOG.debug("This machine's host name cannot be resolved; the certificate names only localhost", e);
        }
        names.add("localhost");
        Set<InetAddress> addresses = new LinkedHashSet<>();
        addresses.add(literal(new byte[] {127, 0, 0, 1}));
        addresses.add(literal(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        addInterfaceAddresses(addresses);
        return new HostIdentity(names, addresses);
    }

    /** This identity with {@code names} first: names an admin configured are the ones users type. */
    public HostIdentity withNames(Collection<String> names) {
        Set<String> all = new LinkedHashSet<>(names);
        all.addAll(dnsNames);
        return new HostIdentity(all, addresses);
    }

    /** The name the server is known by: the certificate's common name. */
    String primaryName() {
        return dnsNames.iterator().next();
    }

    private static void addName(Set<String> names, String name) {
        // getCanonicalHostName() answers with the IP literal when reverse lookup fails; that is no DNS name.
        if (name != null && !name.isBlank() && !IPAddress.isValid(name)) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
    }

    private static void addInterfaceAddresses(Set<InetAddress> addresses) {
        try {
            var interfaces = NetworkInterface.getNetworkInterfaces();
            if (interfaces == null) {
                return;
            }
            for (NetworkInterface nif : Collections.list(interfaces)) {
                if (!isUp(nif)) {
                    continue;
                }
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (!(address instanceof Inet6Address && address.isLinkLocalAddress())) {
                        addresses.add(withoutScope(address));
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("Network interfaces cannot be listed; the certificate names only loopback addresses: {}", e.getMessage());
        }
    }

    private static boolean isUp(NetworkInterface nif) {
        try {
            return nif.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static InetAddress withoutScope(InetAddress address) {
        return literal(address.getAddress());
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IPv4 or IPv6 address: " + bytes.length + " bytes", e);
        }
    }
}
