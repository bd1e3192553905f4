package io.lanvan.signaling.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells peers what changed in their view of the room, one change at a time ({@code peer.joined},
 * {@code peer.updated}, {@code peer.left}): a change costs one small frame per peer that sees it,
 * never the whole list. A device's renames reach the room at most once per interval, the last
 * name winning, so a device renaming itself in a loop cannot multiply its traffic by the room.
 */
final class Presence {
    /** Runs a task once after a delay, off the caller's thread. */
    interface Later {
        void run(Runnable task, Duration delay);
    }

    private final ObjectMapper json;
    private final Rooms rooms;
    private final Clock clock;
    private final Later later;
    private final Map<String, Long> lastRenameSent = new HashMap<>();
    private final Set<String> renameDue = new HashSet<>();

    Presence(ObjectMapper json, Rooms rooms, Clock clock, Later later) {
        this.json = json;
        this.rooms = rooms;
        this.clock = clock;
        this.later = later;
    }

    /** The full list, for a peer's {@code welcome}. */
    ArrayNode listFor(Peer viewer) {
        ArrayNode list = json.createArrayNode();
        for (Rooms.Visible visible : rooms.visibleTo(viewer.peerId())) {
            list.add(entry(visible.peer(), visible.sharedRooms()));
        }
        return list;
    }

    /** A peer entered a room: everyone who now sees it is told. */
    void joined(Peer peer, Collection<Rooms.Visible> audience) {
        for (Rooms.Visible viewer : audience) {
            tell(viewer.peer(), "peer.joined", peer, viewer.sharedRooms());
        }
    }

    void left(String peerId, Collection<Peer> audience) {
        synchronized (this) {
            lastRenameSent.remove(peerId);
            renameDue.remove(peerId);
        }
        String frame = json.createObjectNode().put("type", "peer.left").put("peerId", peerId).toString();
        audience.forEach(viewer -> viewer.session().send(frame));
    }

    /** Two peers paired: each hears of the other, as new or with one more shared room. */
    void paired(Peer a, Peer b, boolean sawEachOther) {
        Set<String> shared = rooms.sharedKinds(a.peerId(), b.peerId());
        String type = sawEachOther ? "peer.updated" : "peer.joined";
        tell(a, type, b, shared);
        tell(b, type, a, shared);
    }

    /** A peer renamed itself: its room hears of it now, or when the interval since the last update has passed. */
    void renamed(Peer peer, Duration interval) {
        long now = clock.millis();
        synchronized (this) {
            if (renameDue.contains(peer.peerId())) {
                return;
            }
            Long last = lastRenameSent.get(peer.peerId());
            long wait = last == null ? 0 : last + interval.toMillis() - now;
            if (wait > 0) {
                renameDue.add(peer.peerId());
                later.run(() -> renameDue(peer), Duration.ofMillis(wait));
                return;
            }
            lastRenameSent.put(peer.peerId(), now);
        }
        tellRename(peer);
    }

    private void renameDue(Peer peer) {
        synchronized (this) {
            if (!renameDue.remove(peer.peerId())) {
                return;
            }
            lastRenameSent.put(peer.peerId(), clock.millis());
        }
        tellRename(peer);
    }

    private void tellRename(Peer peer) {
        for (Rooms.Visible viewer : rooms.visibleTo(peer.peerId())) {
            tell(viewer.peer(), "peer.updated", peer, viewer.sharedRooms());
        }
    }

    private void tell(Peer viewer, String type, Peer about, Set<String> sharedRooms) {
        ObjectNode frame = json.createObjectNode().put("type", type);
        frame.set("peer", entry(about, sharedRooms));
        viewer.session().send(frame.toString());
    }

    private ObjectNode entry(Peer peer, Collection<String> sharedRooms) {
        ObjectNode entry = json.createObjectNode().put("peerId", peer.peerId()).put("deviceId", peer.deviceId())
                .put("name", peer.name()).put("platform", peer.platform()).put("identityKey", peer.identityKey());
        ArrayNode shared = entry.putArray("rooms");
        List.copyOf(sharedRooms).forEach(shared::add);
        return entry;
    }
}
