package io.lanvan.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTPS requests from a chosen loopback source address (127.0.0.x), so the server sees distinct
 * real client addresses; java.net.http cannot bind its local address on Java 17. One HTTP/1.0
 * request per connection: the answer ends when the server closes it, with no chunking to undo.
 */
final class LoopbackClient {
    /** A response: status, headers (names lower-case), body. */
    record Reply(int status, Map<String, String> headers, String body) {}

    private final SSLContext tls;
    private final InetAddress from;
    private final int port;

    LoopbackClient(SSLContext tls, String fromAddress, int port) throws IOException {
        this.tls = tls;
        this.from = InetAddress.getByName(fromAddress);
        this.port = port;
    }

    Reply signIn(String username, String password) throws IOException {
        return send("POST", "/api/admin/session", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    Reply send(String method, String path, String json) throws IOException {
        try (Socket plain = new Socket()) {
            plain.bind(new InetSocketAddress(from, 0));
            plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            plain.setSoTimeout(60_000);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write((method + " " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n"
                        + (json == null ? "" : "Content-Type: application/json\r\n")
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return parse(readAll(socket.getInputStream()));
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("No complete HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }
}
