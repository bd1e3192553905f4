package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.audit.internal.store.AuditStore;
import io.lanvan.audit.internal.store.SubjectKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data keys of one store's devices, and what they do to records: sealing on the way in (on the
 * writer thread), opening on the way out (any thread), and erasure.
 *
 * <p>An event that names devices ({@code device:<id>} as actor, subject or detail value) is stored
 * sealed: each device reference under that device's own key, every other detail value under the
 * keys of all the devices it names. The action, the detail keys, a subject that is not a device
 * reference (a transfer id, a bundle: what admins filter by; events put personal texts in details,
 * as {@link AuditEvent} asks), texts of events that name no device, and an admin actor stay in
 * clear. Keys are made on first use and inserted in the same transaction as the records sealed under them.
 *
 * <p>Both caches are bounded. The writer's (device → key) is touched only under the writer's store
 * lock, which erasure holds too. The readers' (ref → key) may keep "erased" for good: refs are random
 * and never reused.
 */
final class SubjectKeys {
    private static final int CACHED = 10_000;

    private final AuditStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The writer's, like {@link #byDevice}. */
    private final SealedText.Sealer sealer = new SealedText.Sealer(random);
    private final Map<String, SubjectKey> byDevice = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SubjectKey> eldest) {
            return size() > CACHED;
        }
    };
    private final Map<String, Optional<SubjectKey>> byRef = new ConcurrentHashMap<>();

    SubjectKeys(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The texts an event is stored with. */
    record Stored(String actor, String subject, Map<String, String> details) {
    }

    /** The device id {@code text} refers to, if it is a device reference. */
    static Optional<String> deviceOf(String text) {
        return SubjectKey.deviceIn(text);
    }

    /** {@code event} as stored; keys made for it are added to {@code created} (inserted with the batch). */
    Stored seal(AuditEvent event, List<SubjectKey> created) {
        Set<String> devices = new LinkedHashSet<>();
        deviceOf(event.actor()).ifPresent(devices::add);
        deviceOf(event.subject()).ifPresent(devices::add);
        event.details().values().forEach(value -> deviceOf(value).ifPresent(devices::add));
        if (devices.isEmpty()) {
            return new Stored(event.actor(), event.subject(), event.details());
        }
        List<SubjectKey> all = new ArrayList<>(devices.size());
        for (String device : devices) {
            all.add(keyOf(device, created));
        }
        String actor = sealedDevice(event.actor(), created);
        String subject = sealedDevice(event.subject(), created);
        Map<String, String> details = new TreeMap<>();
        event.details().forEach((key, value) -> details.put(key, sealed(value, all, created)));
        return new Stored(actor, subject, details);
    }

    /** A device reference under its own key; another text under all of them; an admin or system actor in clear. */
    private String sealed(String text, List<SubjectKey> all, List<SubjectKey> created) {
        Optional<String> device = deviceOf(text);
        if (device.isPresent()) {
            return sealer.seal(text, true, List.of(keyOf(device.get(), created)));
        }
        return sealer.seal(text, false, all);
    }

    /**
     * Actor and subject are sealed only when they are a device: who else acted (an admin, the system)
     * is not about the device, and other subjects are what admins filter by.
     */
    private String sealedDevice(String text, List<SubjectKey> created) {
        return deviceOf(text).map(device -> sealer.seal(text, true, List.of(keyOf(device, created)))).orElse(text);
    }

    private SubjectKey keyOf(String deviceId, List<SubjectKey> created) {
        SubjectKey key = byDevice.get(deviceId);
        if (key == null) {
            key = store.subjectKey(deviceId).orElse(null);
        }
        if (key == null) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            key = new SubjectKey(SealedText.newRef(random), deviceId, secret, clock.instant().truncatedTo(ChronoUnit.MICROS));
            created.add(key);
        }
        byDevice.put(deviceId, key);
        return key;
    }

    /** The keys made for a batch that was not written: they are not in the store, so they must not be used. */
    void forget(List<SubjectKey> created) {
        created.forEach(key -> byDevice.remove(key.deviceId()));
    }

    /** Deletes the device's key (call it under the writer's store lock); the key it had, if any. */
    Optional<SubjectKey> erase(String deviceId) {
        byDevice.remove(deviceId);
        Optional<SubjectKey> erased = store.eraseSubjectKey(deviceId);
        erased.ifPresent(key -> {
            byRef.put(key.ref(), Optional.empty());
            sealer.forget(key.ref());
        });
        return erased;
    }

    /** The device's key as stored now, if it has one. */
    Optional<SubjectKey> current(String deviceId) {
        return store.subjectKey(deviceId);
    }

    /** {@code stored} as readers see it: sealed texts opened, or their pseudonym once erased; hashes as stored. */
    AuditRecord open(AuditRecord stored) {
        if (!anySealed(stored)) {
            return stored;
        }
        Map<String, String> details = new TreeMap<>();
        stored.details().forEach((key, value) -> details.put(key, opened(value)));
        return new AuditRecord(stored.sequence(), stored.timestamp(), stored.action(), opened(stored.actor()),
                opened(stored.subject()), details, stored.previousHash(), stored.hash());
    }

    private static boolean anySealed(AuditRecord record) {
        return record.actor().startsWith(SealedText.PREFIX) || record.subject().startsWith(SealedText.PREFIX)
                || record.details().values().stream().anyMatch(value -> value.startsWith(SealedText.PREFIX));
    }

    private String opened(String text) {
        if (!SealedText.isSealed(text)) {
            return text;
        }
        try {
            return SealedText.open(text, this::byRef).orElseGet(() -> SealedText.erased(text));
        } catch (GeneralSecurityException | IllegalArgumentException altered) {
            return text; // as stored: verification reports a record altered after it was written
        }
    }

    private Optional<SubjectKey> byRef(String ref) {
        Optional<SubjectKey> known = byRef.get(ref);
        if (known != null) {
            return known;
        }
        Optional<SubjectKey> found = store.subjectKeyByRef(ref);
        if (byRef.size() >= CACHED) {
            byRef.clear();
        }
        byRef.put(ref, found);
        return found;
    }
}
