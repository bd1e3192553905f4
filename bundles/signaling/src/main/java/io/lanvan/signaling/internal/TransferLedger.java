package io.lanvan.signaling.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The transfers offered through this server and where each stands, so that only the receiver of an
 * offer can answer it, once, and only the two parties can cancel it.
 */
final class TransferLedger {
    enum State { OFFERED, ACCEPTED }

    record Transfer(String transferId, String offerer, String receiver, long totalBytes, int files, String route, State state) {
        boolean involves(String peerId) {
            return offerer.equals(peerId) || receiver.equals(peerId);
        }

        String otherThan(String peerId) {
            return offerer.equals(peerId) ? receiver : offerer;
        }
    }

    private final Map<String, Transfer> transfers = new HashMap<>();

    synchronized boolean offer(Transfer transfer) {
        return transfers.putIfAbsent(transfer.transferId(), transfer) == null;
    }

    /** Marks an offer accepted when the given peer is its receiver and it is still open. */
    synchronized Optional<Transfer> accept(String transferId, String receiver) {
        Transfer transfer = transfers.get(transferId);
        if (transfer == null || !transfer.receiver().equals(receiver) || transfer.state() != State.OFFERED) {
            return Optional.empty();
        }
        Transfer accepted = new Transfer(transfer.transferId(), transfer.offerer(), transfer.receiver(),
                transfer.totalBytes(), transfer.files(), transfer.route(), State.ACCEPTED);
        transfers.put(transferId, accepted);
        return Optional.of(accepted);
    }

    /** Removes an offer the receiver declines; only the receiver of an open offer may. */
    synchronized Optional<Transfer> decline(String transferId, String receiver) {
        Transfer transfer = transfers.get(transferId);
        if (transfer == null || !transfer.receiver().equals(receiver) || transfer.state() != State.OFFERED) {
            return Optional.empty();
        }
        return Optional.ofNullable(transfers.remove(transferId));
    }

    /** Ends a transfer (cancelled or reported finished) when the peer is one of its parties. */
    synchronized Optional<Transfer> end(String transferId, String party) {
        Transfer transfer = transfers.get(transferId);
        if (transfer == null || !transfer.involves(party)) {
            return Optional.empty();
        }
        return Optional.ofNullable(transfers.remove(transferId));
    }

    synchronized int size() {
        return transfers.size();
    }

    /** Drops every transfer of a peer that left; returns them so the other parties can be told. */
    synchronized java.util.List<Transfer> abandon(String peerId) {
        java.util.List<Transfer> gone = new java.util.ArrayList<>();
        transfers.values().removeIf(transfer -> {
            if (transfer.involves(peerId)) {
                gone.add(transfer);
                return true;
            }
            return false;
        });
        return gone;
    }
}
