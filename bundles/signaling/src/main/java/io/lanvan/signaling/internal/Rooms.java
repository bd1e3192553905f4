package io.lanvan.signaling.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is in which room. The server is the authority on membership: a peer reaches only peers it
 * shares a room with. Every change returns the peers whose view changed, so they can be told.
 */
final class Rooms {
    static final String NETWORK = "network";
    static final String PAIRED = "paired";

    private final Map<String, Peer> peers = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, Set<String>> roomsOfPeer = new HashMap<>();

    /** A peer as another sees it: the peer and the kinds of room they share. */
    record Visible(Peer peer, Set<String> sharedRooms) {}

    /** Adds a peer to its network room; returns who now sees it, and how. */
    synchronized List<Visible> join(Peer peer) {
        peers.put(peer.peerId(), peer);
        enter(peer.peerId(), peer.networkRoom());
        return visibleTo(peer.peerId());
    }

    synchronized Collection<Peer> leave(String peerId) {
        Collection<Peer> audience = audienceOf(peerId);
        for (String room : roomsOfPeer.getOrDefault(peerId, Set.of())) {
            Set<String> roomMembers = members.get(room);
            roomMembers.remove(peerId);
            if (roomMembers.isEmpty()) {
                members.remove(room);
            }
        }
        roomsOfPeer.remove(peerId);
        peers.remove(peerId);
        return audience;
    }

    /** Puts two peers in a paired room of their own: only their views of each other change. */
    synchronized void pair(String a, String b, String roomId) {
        enter(a, roomId);
        enter(b, roomId);
    }

    /** The kinds of room two peers share ({@value #NETWORK}, {@value #PAIRED}); empty when none. */
    synchronized Set<String> sharedKinds(String a, String b) {
        Set<String> kinds = new TreeSet<>();
        if (a.equals(b)) {
            return kinds;
        }
        Set<String> roomsOfA = roomsOfPeer.getOrDefault(a, Set.of());
        for (String room : roomsOfPeer.getOrDefault(b, Set.of())) {
            if (roomsOfA.contains(room)) {
                kinds.add(kindOf(room));
            }
        }
        return kinds;
    }

    synchronized Optional<Peer> peer(String peerId) {
        return Optional.ofNullable(peers.get(peerId));
    }

    synchronized boolean shareRoom(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        Set<String> roomsOfA = roomsOfPeer.getOrDefault(a, Set.of());
        for (String room : roomsOfPeer.getOrDefault(b, Set.of())) {
            if (roomsOfA.contains(room)) {
                return true;
            }
        }
        return false;
    }

    /** Everyone a peer shares a room with (not the peer itself), in joining order. */
    synchronized List<Visible> visibleTo(String peerId) {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        for (String room : roomsOfPeer.getOrDefault(peerId, Set.of())) {
            for (String other : members.get(room)) {
                if (!other.equals(peerId)) {
                    kinds.computeIfAbsent(other, k -> new TreeSet<>()).add(kindOf(room));
                }
            }
        }
        List<Visible> visible = new ArrayList<>();
        kinds.forEach((other, shared) -> visible.add(new Visible(peers.get(other), shared)));
        return visible;
    }

    /** The peers of one network room, for callers identified only by their address. */
    synchronized List<Peer> inNetworkRoom(String room) {
        List<Peer> found = new ArrayList<>();
        for (String peerId : members.getOrDefault(room, Set.of())) {
            found.add(peers.get(peerId));
        }
        return found;
    }

    private static String kindOf(String room) {
        return room.startsWith("net:") ? NETWORK : PAIRED;
    }

    private void enter(String peerId, String room) {
        members.computeIfAbsent(room, r -> new HashSet<>()).add(peerId);
        roomsOfPeer.computeIfAbsent(peerId, p -> new HashSet<>()).add(room);
    }

    private Collection<Peer> audienceOf(String peerId) {
        List<Peer> audience = new ArrayList<>();
        for (Visible visible : visibleTo(peerId)) {
            audience.add(visible.peer());
        }
        return audience;
    }
}
