package io.lanvan.relay.internal;

import io.lanvan.api.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One transfer admitted to the relay: the ticket of each side and, once they connect, their
 * channels. Each ticket admits exactly one connection before it expires.
 */
final class RelayedTransfer {
    enum Side { OFFERER, RECEIVER }

    private final String transferId;
    private final String offererToken;
    private final String receiverToken;
    private final Instant expiresAt;
    private final CompletableFuture<SocketChannel> offerer = new CompletableFuture<>();
    private final CompletableFuture<SocketChannel> receiver = new CompletableFuture<>();
    private volatile long bytes;
    private final long startedNanos = System.nanoTime();

    RelayedTransfer(String transferId, String offererToken, String receiverToken, Instant expiresAt) {
        this.transferId = transferId;
        this.offererToken = offererToken;
        this.receiverToken = receiverToken;
        this.expiresAt = expiresAt;
    }

    String transferId() {
        return transferId;
    }

    /** The side a token belongs to, compared in constant time; null for any other token. */
    Side sideOf(String token) {
        if (token == null) {
            return null;
        }
        byte[] presented = token.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(presented, offererToken.getBytes(StandardCharsets.US_ASCII))) {
            return Side.OFFERER;
        }
        if (MessageDigest.isEqual(presented, receiverToken.getBytes(StandardCharsets.US_ASCII))) {
            return Side.RECEIVER;
        }
        return null;
    }

    String token(Side side) {
        return side == Side.OFFERER ? offererToken : receiverToken;
    }

    boolean expired(Instant now) {
        return now.isAfter(expiresAt);
    }

    /** Attaches a side's channel; false when that side already connected (a ticket is single-use). */
    boolean attach(Side side, SocketChannel channel) {
        return channelOf(side).complete(channel);
    }

    CompletableFuture<SocketChannel> channelOf(Side side) {
        return side == Side.OFFERER ? offerer : receiver;
    }

    CompletableFuture<SocketChannel> partnerOf(Side side) {
        return side == Side.OFFERER ? receiver : offerer;
    }

    void count(int frameBytes) {
        bytes += frameBytes;
    }

    long bytes() {
        return bytes;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
