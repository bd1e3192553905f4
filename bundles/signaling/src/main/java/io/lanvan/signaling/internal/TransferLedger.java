package io.lanvan.signaling.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transfers offered through this server and where each stands, so that only the receiver of an
 * offer can answer it, once, and only the two parties can cancel it. It also holds the quotas: how
 * many open offers a device (or an address) has as the sender, and how many relay slots it takes
 * part in, counted and reserved atomically so that parallel connections cannot overshoot them.
 */
final class TransferLedger {
    enum State { OFFERED, ACCEPTED }

    /** One side of a transfer: the connection, its device and its address. */
    record Party(String peerId, String deviceId, String address) {
        static Party of(Peer peer) {
            return new Party(peer.peerId(), peer.deviceId(), peer.session().remoteAddress());
        }
    }

    record Transfer(String transferId, Party offerer, Party receiver, long totalBytes, int files, String route, State state,
                    boolean relayed) {
        boolean involves(String peerId) {
            return offerer.peerId().equals(peerId) || receiver.peerId().equals(peerId);
        }

        String otherThan(String peerId) {
            return offerer.peerId().equals(peerId) ? receiver.peerId() : offerer.peerId();
        }

        boolean touches(java.util.function.Predicate<Party> party) {
            return party.test(offerer) || party.test(receiver);
        }
    }

    /** Limits on what one device or address may hold open at once. */
    record Quotas(int offersPerDevice, int offersPerAddress, int relayedPerDevice, int relayedPerAddress) {}

    private final Map<String, Transfer> transfers = new HashMap<>();
    /** Parties of relayed transfers that already reported the end: the slot is freed when both did. */
    private final Map<String, Set<String>> reported = new HashMap<>();

    /** Records an offer; the refusal naming the limit when the sender is at a quota, else empty. */
    synchronized Optional<String> offer(Transfer transfer, Quotas quotas) throws InvalidField {
        if (transfers.containsKey(transfer.transferId())) {
            throw new InvalidField("Field 'transferId' is already in use");
        }
        Party from = transfer.offerer();
        long byDevice = transfers.values().stream().filter(t -> t.offerer().deviceId().equals(from.deviceId())).count();
        if (byDevice >= quotas.offersPerDevice()) {
            return Optional.of("This device already has " + byDevice + " open transfers (the limit is "
                    + quotas.offersPerDevice() + "); wait until one ends");
        }
        long byAddress = transfers.values().stream().filter(t -> t.offerer().address().equals(from.address())).count();
        if (byAddress >= quotas.offersPerAddress()) {
            return Optional.of("Devices at this address already have " + byAddress + " open transfers (the limit is "
                    + quotas.offersPerAddress() + "); wait until one ends");
        }
        transfers.put(transfer.transferId(), transfer);
        return Optional.empty();
    }

    /** Marks an offer accepted when the given peer is its receiver and it is still open. */
    synchronized Optional<Transfer> accept(String transferId, String receiver) {
        Transfer transfer = transfers.get(transferId);
        if (transfer == null || !transfer.receiver().peerId().equals(receiver) || transfer.state() != State.OFFERED) {
            return Optional.empty();
        }
        Transfer accepted = new Transfer(transfer.transferId(), transfer.offerer(), transfer.receiver(),
                transfer.totalBytes(), transfer.files(), transfer.route(), State.ACCEPTED, false);
        transfers.put(transferId, accepted);
        return Optional.of(accepted);
    }

    /**
     * Reserves a relay slot for an accepted transfer when neither party's device nor address is at
     * its quota; the refusal naming the limit otherwise.
     */
    synchronized Optional<String> reserveRelay(String transferId, Quotas quotas) {
        Transfer transfer = transfers.get(transferId);
        if (transfer == null) {
            return Optional.of("The transfer has ended");
        }
        for (Party party : List.of(transfer.offerer(), transfer.receiver())) {
            long byDevice = transfers.values().stream()
                    .filter(t -> t.relayed() && t.touches(p -> p.deviceId().equals(party.deviceId()))).count();
            if (byDevice >= quotas.relayedPerDevice()) {
                return Optional.of("A device of this transfer already takes part in " + byDevice
                        + " relayed transfers (the limit is " + quotas.relayedPerDevice() + ")");
            }
            long byAddress = transfers.values().stream()
                    .filter(t -> t.relayed() && t.touches(p -> p.address().equals(party.address()))).count();
            if (byAddress >= quotas.relayedPerAddress()) {
                return Optional.of("Devices at an address of this transfer already take part in " + byAddress
                        + " relayed transfers (the limit is " + quotas.relayedPerAddress() + ")");
            }
        }
        transfers.put(transferId, new Transfer(transfer.transferId(), transfer.offerer(), transfer.receiver(),
                transfer.totalBytes(), transfer.files(), transfer.route(), transfer.state(), true));
        return Optional.empty();
    }

    /** Gives back a reservation the relay could not honour (it was full or stopping). */
    synchronized void unreserveRelay(String transferId) {
        Transfer transfer = transfers.get(transferId);
        if (transfer != null) {
            transfers.put(transferId, new Transfer(transfer.transferId(), transfer.offerer(), transfer.receiver(),
                    transfer.totalBytes(), transfer.files(), transfer.route(), transfer.state(), false));
        }
    }

    /** Removes an offer the receiver declines; only the receiver of an open offer may. */
    synchronized Optional<Transfer> decline(String transferId, String receiver) {
        Transfer transfer = transfers.get(transferId);
        if (transfer == null || !transfer.receiver().peerId().equals(receiver) || transfer.state() != State.OFFERED) {
            return Optional.empty();
        }
        return Optional.ofNullable(remove(transferId));
    }

    /** The open transfer when the peer is one of its parties. */
    synchronized Optional<Transfer> find(String transferId, String party) {
        Transfer transfer = transfers.get(transferId);
        return transfer == null || !transfer.involves(party) ? Optional.empty() : Optional.of(transfer);
    }

    /** Ends a transfer (cancelled) when the peer is one of its parties. */
    synchronized Optional<Transfer> end(String transferId, String party) {
        Transfer transfer = transfers.get(transferId);
        if (transfer == null || !transfer.involves(party)) {
            return Optional.empty();
        }
        return Optional.ofNullable(remove(transferId));
    }

    /**
     * A party reported the transfer over. A relayed transfer ends when both parties did, since the
     * other side may still be reading its last frames from the relay; any other ends at once.
     * Returns the transfer when this report ended it.
     */
    synchronized Optional<Transfer> reportedBy(String transferId, String party) {
        Transfer transfer = transfers.get(transferId);
        if (transfer == null || !transfer.involves(party)) {
            return Optional.empty();
        }
        if (transfer.relayed()) {
            Set<String> parties = reported.computeIfAbsent(transferId, id -> new HashSet<>());
            parties.add(party);
            if (parties.size() < 2) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(remove(transferId));
    }

    synchronized int size() {
        return transfers.size();
    }

    /** Drops every transfer of a peer that left; returns them so the other parties can be told. */
    synchronized List<Transfer> abandon(String peerId) {
        List<Transfer> gone = new ArrayList<>();
        for (Transfer transfer : List.copyOf(transfers.values())) {
            if (transfer.involves(peerId)) {
                gone.add(remove(transfer.transferId()));
            }
        }
        return gone;
    }

    private Transfer remove(String transferId) {
        reported.remove(transferId);
        return transfers.remove(transferId);
    }
}
