package io.lanvan.itest;

import io.lanvan.testing.Eventually;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client for tests: queues the text and binary frames it receives and records the close code. */
final class SocketClient implements WebSocket.Listener {
    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();
    WebSocket socket;

    static SocketClient open(Https https) throws Exception {
        return open(https, "/ws");
    }

    static SocketClient open(Https https, String path) throws Exception {
        SocketClient client = new SocketClient();
        client.socket = https.openSocket(client, path).get(10, TimeUnit.SECONDS);
        return client;
    }

    void send(String frame) throws Exception {
        socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] frame) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(frame), true).get(10, TimeUnit.SECONDS);
    }

    String next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("No frame within 10 s");
        }
        return frame;
    }

    /** The next frame that matches, skipping others (presence updates arrive whenever peers change). */
    String next(Predicate<String> wanted) {
        return Eventually.within(Duration.ofSeconds(10), Duration.ZERO, "a matching frame",
                () -> frames.poll(200, TimeUnit.MILLISECONDS), frame -> frame != null && wanted.test(frame));
    }

    byte[] nextBinary() throws InterruptedException {
        byte[] frame = binary.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("No binary frame within 10 s");
        }
        return frame;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partialBinary.writeBytes(chunk);
        if (last) {
            binary.add(partialBinary.toByteArray());
            partialBinary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
