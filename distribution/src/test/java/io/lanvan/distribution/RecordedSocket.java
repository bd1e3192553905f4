package io.lanvan.distribution;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A WebSocket client that keeps every text message and the close code the server sent, for assertions. */
final class RecordedSocket implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static RecordedSocket open(HttpClient client, URI uri) throws Exception {
        RecordedSocket recorded = new RecordedSocket();
        recorded.socket = client.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, recorded)
                .get(10, TimeUnit.SECONDS);
        return recorded;
    }

    /** Sends one text frame and waits until it is written. */
    void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends one text frame without waiting: the server may close the socket while it is still being written. */
    void sendAndForget(String text) {
        socket.sendText(text, true);
    }

    /** The next whole text message from the server. */
    String nextMessage(Duration timeout) throws InterruptedException, TimeoutException {
        String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new TimeoutException("No message from the server within " + timeout.toSeconds() + " s");
        }
        return message;
    }

    /** The status code of the server's close frame. */
    int closeCode(Duration timeout) throws Exception {
        return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return !closeCode.isDone() && !socket.isInputClosed();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        messages.add("(binary frame of " + data.remaining() + " bytes)");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the server closed first or is gone; abort below frees the connection either way
        } finally {
            socket.abort();
        }
    }
}
