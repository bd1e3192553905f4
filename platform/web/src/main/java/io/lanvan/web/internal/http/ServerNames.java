package io.lanvan.web.internal.http;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host names and addresses this server answers for: the subject alternative names of the
 * HTTPS certificate (made at first start for the machine's names and addresses, or supplied by
 * the admin). A Host header outside this set was not meant for this server, and is never echoed
 * into a redirect.
 */
public final class ServerNames {
    private static final Logger LOG = LoggerFactory.getLogger(ServerNames.class);
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final Set<String> names;

    ServerNames(Set<String> names) {
        Set<String> normalised = new HashSet<>();
        names.forEach(name -> normalised.add(normalise(name)));
        this.names = Collections.unmodifiableSet(normalised);
    }

    /** The names of the certificate Felix HTTP serves, read from the key store the launcher configured. */
    public static ServerNames ofCertificate(BundleContext context) {
        String file = context.getProperty("org.apache.felix.https.keystore");
        String password = context.getProperty("org.apache.felix.https.keystore.password");
        String type = context.getProperty("org.apache.felix.https.keystore.type");
        if (file == null) {
            return new ServerNames(Set.of());
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
            store.load(in, password == null ? null : password.toCharArray());
            Set<String> names = new HashSet<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (store.isKeyEntry(alias) && certificate instanceof X509Certificate x509) {
                    names.addAll(alternativeNames(x509));
                }
            }
            return new ServerNames(names);
        } catch (Exception e) {
            LOG.warn("The HTTPS certificate's names cannot be read ({}); plain HTTP redirects to the address "
                    + "each request arrived at", e.toString());
            return new ServerNames(Set.of());
        }
    }

    private static Set<String> alternativeNames(X509Certificate certificate) throws CertificateParsingException {
        Set<String> names = new HashSet<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                int kind = (Integer) entry.get(0);
                if ((kind == DNS_NAME || kind == IP_ADDRESS) && entry.get(1) instanceof String name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Whether a host (as in a Host header, without port; IPv6 with or without brackets) is one of ours. */
    public boolean owns(String host) {
        return host != null && !host.isEmpty() && names.contains(normalise(host));
    }

    /** Whether the certificate's names could be read: without them, no host can be told apart from ours. */
    public boolean known() {
        return !names.isEmpty();
    }

    /** Lower case, no brackets, IPv6 literals in one canonical spelling, no trailing dot. */
    private static String normalise(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.indexOf(':') >= 0 && name.matches("[0-9a-f:.]+")) {
            try {
                return InetAddress.getByName(name).getHostAddress();
            } catch (UnknownHostException e) {
                return name;
            }
        }
        return name;
    }
}
