package io.lanvan.launcher.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tls/server.p12}: the server certificate the local CA issued. Kept across restarts while it
 * still fits, issued again when it nears expiry or the machine gained a name or address.
 */
final class ServerKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(ServerKeyStore.class);
    static final String ALIAS = "lanvan";
    /** Browsers refuse server certificates valid for more than 398 days. */
    static final Duration VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private ServerKeyStore() {
    }

    static void prepare(TlsDirectory dir, char[] password, LocalCertificateAuthority ca, HostIdentity host, Instant now)
            throws IOException, GeneralSecurityException {
        HostIdentity servable = ca.servable(host);
        logLeftOut(host, servable);
        Optional<String> reason = reasonToIssue(dir.serverKeyStore(), password, ca, servable, now);
        if (reason.isEmpty()) {
            return;
        }
        LOG.info("Issuing a new server certificate: {}", reason.get());
        CertifiedKey server = ca.issueServerCertificate(servable, now);
        dir.writePrivate(dir.serverKeyStore(), Pkcs12.encode(ALIAS, server, password));
    }

    private static void logLeftOut(HostIdentity host, HostIdentity servable) {
        String leftOut = Stream.concat(host.dnsNames().stream().filter(name -> !servable.dnsNames().contains(name)),
                host.addresses().stream().filter(address -> !servable.addresses().contains(address))
                        .map(InetAddress::getHostAddress)).collect(Collectors.joining(", "));
        if (!leftOut.isEmpty()) {
            LOG.info("Not in the server certificate, because the local CA may only vouch for this network's names and"
                    + " private addresses: {}. Browsers reaching the server by these get a certificate warning.", leftOut);
        }
    }

    /** The server certificate's own extensions: what a browser checks before it accepts the server. */
    static void addServerExtensions(X509v3CertificateBuilder builder, JcaX509ExtensionUtils extensions,
                                    PublicKey key, HostIdentity host) throws IOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(host));
    }

    private static GeneralNames subjectAlternativeNames(HostIdentity host) {
        List<GeneralName> names = new ArrayList<>();
        host.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        host.addresses().forEach(address ->
                names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress()))));
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /** Why the stored certificate cannot serve {@code host} any longer, or empty when it still can. */
    private static Optional<String> reasonToIssue(Path file, char[] password, LocalCertificateAuthority ca,
                                                  HostIdentity host, Instant now) {
        if (!Files.exists(file)) {
            return Optional.of("there is none yet");
        }
        X509Certificate certificate;
        try {
            Optional<CertifiedKey> entry = Pkcs12.keyEntry(Pkcs12.load(file, password), ALIAS, password);
            if (entry.isEmpty()) {
                return Optional.of(file + " holds no '" + ALIAS + "' key entry");
            }
            certificate = entry.get().certificate();
        } catch (IOException | GeneralSecurityException e) {
            return Optional.of(file + " cannot be read (" + e.getMessage() + ")");
        }
        if (!ca.issued(certificate)) {
            return Optional.of("the stored one was issued by another CA");
        }
        long daysLeft = Duration.between(now, certificate.getNotAfter().toInstant()).toDays();
        if (daysLeft < RENEW_BEFORE.toDays()) {
            return Optional.of(daysLeft < 0 ? "expired " + -daysLeft + " days ago" : "expires in " + daysLeft + " days");
        }
        if (certificate.getNotBefore().toInstant().isAfter(now)) {
            return Optional.of("the stored one is not valid before " + certificate.getNotBefore().toInstant());
        }
        return uncoveredName(certificate, host);
    }

    private static Optional<String> uncoveredName(X509Certificate certificate, HostIdentity host) {
        Set<String> dnsNames = new HashSet<>();
        Set<InetAddress> addresses = new HashSet<>();
        try {
            GeneralNames names = GeneralNames.fromExtensions(
                    new JcaX509CertificateHolder(certificate).getExtensions(), Extension.subjectAlternativeName);
            for (GeneralName name : names == null ? new GeneralName[0] : names.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    dnsNames.add(((ASN1String) name.getName()).getString().toLowerCase(Locale.ROOT));
                } else if (name.getTagNo() == GeneralName.iPAddress) {
                    addresses.add(InetAddress.getByAddress(ASN1OctetString.getInstance(name.getName()).getOctets()));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.of("the stored one's names cannot be read (" + e.getMessage() + ")");
        }
        String uncovered = Stream.concat(
                host.dnsNames().stream().filter(name -> !dnsNames.contains(name)).map(name -> "new name " + name),
                host.addresses().stream().filter(address -> !addresses.contains(address))
                        .map(address -> "new address " + address.getHostAddress()))
                .collect(Collectors.joining(", "));
        return uncovered.isEmpty() ? Optional.empty() : Optional.of(uncovered);
    }
}
