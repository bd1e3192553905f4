package io.lanvan.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 written byte for byte: the request line and Host header go out exactly as given, with
 * none of the normalising or header rules a client library applies. Attacks on path parsing and
 * Host handling need that; everything else uses {@link Https}.
 */
final class RawHttp {
    private static final int TIMEOUT_MS = 10_000;
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final SSLContext tls;
    private final int securePort;
    private final int plainPort;

    RawHttp(SSLContext tls, int securePort, int plainPort) {
        this.tls = tls;
        this.securePort = securePort;
        this.plainPort = plainPort;
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** Over verified HTTPS: {@code method target} with Host localhost and the extra header lines given. */
    Response secure(String method, String target, String... headerLines) throws IOException {
        return exchange(secureSocket(), method, target, "localhost", null, headerLines);
    }

    /** Over verified HTTPS with a body. */
    Response secureWithBody(String method, String target, String contentType, String body, String... headerLines)
            throws IOException {
        String[] all = Arrays.copyOf(headerLines, headerLines.length + 1);
        all[headerLines.length] = "Content-Type: " + contentType;
        return exchange(secureSocket(), method, target, "localhost", body, all);
    }

    private SSLSocket secureSocket() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), securePort);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName("localhost")));
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** Over the plain HTTP port with the Host header given verbatim. */
    Response plain(String target, String host) throws IOException {
        return exchange(new Socket(InetAddress.getLoopbackAddress(), plainPort), "GET", target, host, null);
    }

    private static Response exchange(Socket socket, String method, String target, String host, String body,
                                     String... headerLines) throws IOException {
        try (socket) {
            socket.setSoTimeout(TIMEOUT_MS);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\nConnection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            if (body != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(content);
                out.flush();
            } catch (IOException closedEarly) {
                // A server may answer (401, 413...) and close before the body is all sent: read that answer.
                try {
                    return parse(readAll(socket.getInputStream()));
                } catch (IOException | RuntimeException noAnswer) {
                    closedEarly.addSuppressed(noAnswer);
                    throw closedEarly;
                }
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0 && all.size() < MAX_RESPONSE_BYTES) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("No complete HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = new String(raw, end + 4, raw.length - end - 4, StandardCharsets.UTF_8);
        return new Response(status, headers, body);
    }
}
