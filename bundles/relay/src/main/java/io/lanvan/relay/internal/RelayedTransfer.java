package io.lanvan.relay.internal;

import io.lanvan.api.socket.SocketChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * One transfer admitted to the relay: the ticket of each side and, once they connect, their
 * channels. Each ticket admits exactly one connection before it expires. The two sides are paired
 * when the second arrives: until then the first waits without a thread, and the relay keeps only
 * the last small frame it sent (a side that must be heard, like the receiver's "ready", repeats
 * itself until answered).
 */
final class RelayedTransfer {
    enum Side { OFFERER, RECEIVER }

    /** Largest frame kept for a partner that has not connected yet: control messages, not data. */
    static final int HELD_FRAME_BYTES = 4 * 1024;

    private final String transferId;
    private final String offererToken;
    private final String receiverToken;
    private final Instant expiresAt;
    private final long startedNanos = System.nanoTime();
    private SocketChannel offerer;
    private SocketChannel receiver;
    private boolean offererUsed;
    private boolean receiverUsed;
    private byte[] heldFromOfferer;
    private byte[] heldFromReceiver;
    private ScheduledFuture<?> partnerWait;
    private volatile long bytes;

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

    /** Whether no side has connected yet: an admitted slot whose tickets may simply expire. */
    synchronized boolean unused() {
        return !offererUsed && !receiverUsed;
    }

    /**
     * Attaches a side's channel; false when that side already connected (a ticket is single-use).
     * When the partner was waiting, the frame it left is delivered first, under the lock, so that
     * nothing it sends afterwards can overtake it.
     */
    synchronized boolean attach(Side side, SocketChannel channel) throws IOException {
        if (side == Side.OFFERER ? offererUsed : receiverUsed) {
            return false;
        }
        if (side == Side.OFFERER) {
            offererUsed = true;
            offerer = channel;
        } else {
            receiverUsed = true;
            receiver = channel;
        }
        byte[] held = side == Side.OFFERER ? heldFromReceiver : heldFromOfferer;
        heldFromOfferer = null;
        heldFromReceiver = null;
        if (partnerOf(side) != null && partnerWait != null) {
            partnerWait.cancel(false);
            partnerWait = null;
        }
        if (held != null) {
            channel.sendBinary(ByteBuffer.wrap(held));
            count(held.length);
        }
        return true;
    }

    /** The timer that closes a side left waiting alone; cancelled when the partner arrives. */
    synchronized void waitingFor(ScheduledFuture<?> timer) {
        partnerWait = timer;
    }

    /** The connected partner of a side, or null while it has not connected; a frame from a waiting side is kept. */
    synchronized SocketChannel partnerOrHold(Side side, ByteBuffer frame) {
        SocketChannel partner = partnerOf(side);
        if (partner == null && frame.remaining() <= HELD_FRAME_BYTES) {
            byte[] copy = new byte[frame.remaining()];
            frame.get(copy);
            if (side == Side.OFFERER) {
                heldFromOfferer = copy;
            } else {
                heldFromReceiver = copy;
            }
        }
        return partner;
    }

    synchronized SocketChannel partnerOf(Side side) {
        return side == Side.OFFERER ? receiver : offerer;
    }

    /** Forgets the channels and what was held, and stops the waiting timer; returns the channels still known. */
    synchronized java.util.List<SocketChannel> end() {
        if (partnerWait != null) {
            partnerWait.cancel(false);
            partnerWait = null;
        }
        heldFromOfferer = null;
        heldFromReceiver = null;
        offererUsed = true;
        receiverUsed = true;
        java.util.List<SocketChannel> channels = new java.util.ArrayList<>(2);
        if (offerer != null) {
            channels.add(offerer);
        }
        if (receiver != null) {
            channels.add(receiver);
        }
        return channels;
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
