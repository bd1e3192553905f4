package io.lanvan.launcher;

import io.lanvan.launcher.tls.HostIdentity;
import io.lanvan.launcher.tls.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** What the console shows once LANVan is up: where to connect, a QR code for phones, how to trust the CA. */
final class Banner {
    private Banner() {
    }

    static String text(LauncherSettings settings, HostIdentity host, TlsMaterial tls) {
        List<String> urls = urls(settings, host);
        StringBuilder out = new StringBuilder("\nLANVan is running. Open it on any device on this network:\n");
        urls.forEach(url -> out.append("  ").append(url).append('\n'));
        out.append("  Admin console: ").append(urls.get(0)).append("admin/\n");
        if (!urls.get(0).contains("localhost")) {
            out.append('\n').append(TerminalQrCode.render(urls.get(0)));
        }
        tls.caCertificatePem().ifPresent(ca -> {
            out.append("\nDevices must trust the local certificate authority once:\n");
            out.append("  file:        ").append(ca).append('\n');
            if (settings.httpPort() > 0) {
                out.append("  download:    ").append(urls.get(0).replace("https://", "http://")
                        .replace(":" + settings.httpsPort() + "/", ":" + settings.httpPort() + "/")).append("trust\n");
            }
            out.append("  fingerprint: SHA-256 ").append(fingerprint(ca)).append('\n');
        });
        out.append("\nLogs: ").append(settings.logsDir().resolve("lanvan.log")).append("   Stop: Ctrl-C\n");
        return out.toString();
    }

    static List<String> urls(LauncherSettings settings, HostIdentity host) {
        List<InetAddress> addresses = new ArrayList<>();
        for (InetAddress address : host.addresses()) {
            boolean bound = settings.bindAddress().equals("0.0.0.0") || settings.bindAddress().equals("::")
                    || address.getHostAddress().equals(settings.bindAddress());
            if (bound && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                addresses.add(address);
            }
        }
        addresses.sort(Comparator.comparing((InetAddress a) -> a instanceof Inet6Address)
                .thenComparing(InetAddress::getHostAddress));
        List<String> urls = new ArrayList<>();
        for (InetAddress address : addresses) {
            String literal = address instanceof Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]";
            urls.add("https://" + literal + port(settings) + "/");
        }
        urls.add("https://localhost" + port(settings) + "/");
        return urls;
    }

    private static String port(LauncherSettings settings) {
        return settings.httpsPort() == 443 ? "" : ":" + settings.httpsPort();
    }

    private static String fingerprint(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (IOException | GeneralSecurityException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }
}
