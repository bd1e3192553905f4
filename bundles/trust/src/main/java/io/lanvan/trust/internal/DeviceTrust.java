package io.lanvan.trust.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.persistence.Schema;
import io.lanvan.api.trust.Admission;
import io.lanvan.api.trust.DeviceClaim;
import io.lanvan.api.trust.DevicePage;
import io.lanvan.api.trust.DeviceQuery;
import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.ReputationEvent;
import io.lanvan.api.trust.ReputationOutcome;
import io.lanvan.api.trust.TrustEvent;
import io.lanvan.api.trust.TrustService;
import io.lanvan.api.trust.TrustedDevice;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices the server knows and what may join, in this capability's schema {@value #SCHEMA}.
 * Every decision is written to the audit log after it is committed; the log is optional, so a
 * stopped audit capability never locks devices out (what is not recorded is logged here).
 */
@Component(service = TrustService.class, configurationPid = TrustConfig.PID)
@Designate(ocd = TrustConfig.class)
public final class DeviceTrust implements TrustService {
    static final String SCHEMA = "trust";
    /** What a device id may be: a device's own is the base64url SHA-256 of its key (43 characters). */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** Devices scanned at most when a listing filters by score (the score decays, so it is computed, not queried). */
    private static final int MAX_SCORED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceTrust.class);

    private final TrustStore store;
    private final Clock clock;
    private volatile ReputationScore scoring;
    /** Optional and dynamic on purpose: devices keep joining while the audit capability is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public DeviceTrust(@Reference(target = "(" + Schema.UNIT_NAME + "=" + SCHEMA + ")") EntityManagerFactory entities,
                       TrustConfig config) {
        this(entities, validOrDefault(config), Clock.systemUTC());
    }

    /** An invalid configuration at start leaves the defaults in force (and says so), rather than trust unavailable. */
    private static ReputationScore validOrDefault(TrustConfig config) {
        try {
            return ReputationScore.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Trust configuration refused, the defaults are in force until it is fixed: {}", e.getMessage());
            return ReputationScore.DEFAULTS;
        }
    }

    DeviceTrust(EntityManagerFactory entities, ReputationScore scoring, Clock clock) {
        this.store = new TrustStore(entities);
        this.scoring = scoring;
        this.clock = clock;
    }

    @Modified
    void modified(TrustConfig config) {
        try {
            scoring = ReputationScore.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Trust configuration refused, the previous one stays in force: {}", e.getMessage());
        }
    }

    void useAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public Admission admit(DeviceClaim claim, boolean approvalRequired) {
        checkId(claim.deviceId());
        List<AuditEvent> decisions = new ArrayList<>();
        Admission admission = store.inTransaction("admit device", session -> {
            decisions.clear();
            Instant now = clock.instant();
            TrustDeviceRow row = session.find(TrustDeviceRow.class, claim.deviceId());
            boolean firstSeen = row == null || row.firstSeen() == null;
            if (row == null) {
                row = new TrustDeviceRow(claim.deviceId(), DeviceStatus.PENDING, now);
                row.seen(claim.identityKey(), claim.name(), claim.platform(), claim.address(), now);
                session.persist(row);
            } else {
                row.seen(claim.identityKey(), claim.name(), claim.platform(), claim.address(), now);
            }
            Map<String, String> seen = Map.of("name", claim.name(), "platform", claim.platform(), "address", claim.address());
            if (firstSeen) {
                event(session, claim.deviceId(), now, "first-seen", claim.deviceId(), claim.name() + " (" + claim.platform() + ") from " + claim.address());
                decisions.add(new AuditEvent("trust.device.first-seen", AuditEvent.device(claim.deviceId()), AuditEvent.device(claim.deviceId()), seen));
            }
            Admission decided = verdict(row.status(), approvalRequired, claim.deviceId());
            if (!decided.admitted()) {
                event(session, claim.deviceId(), now, "refused", claim.deviceId(), decided.verdict().name().toLowerCase(Locale.ROOT) + " from " + claim.address());
                Map<String, String> details = new java.util.TreeMap<>(seen);
                details.put("verdict", decided.verdict().name().toLowerCase(Locale.ROOT));
                decisions.add(new AuditEvent("trust.device.refused", AuditEvent.device(claim.deviceId()), AuditEvent.device(claim.deviceId()), details));
            }
            return decided;
        });
        decisions.forEach(this::audit);
        return admission;
    }

    private static Admission verdict(DeviceStatus status, boolean approvalRequired, String deviceId) {
        return switch (status) {
            case APPROVED -> Admission.ADMITTED;
            case REVOKED -> new Admission(Admission.Verdict.REVOKED, "This device was revoked by an administrator");
            case HELD -> new Admission(Admission.Verdict.HELD, "This device is on hold because of its reputation "
                    + "(reports or failed transfers) until an administrator approves it (device id " + deviceId + ")");
            case PENDING -> approvalRequired
                    ? new Admission(Admission.Verdict.AWAITING_APPROVAL, "This device needs an administrator's approval (device id " + deviceId + ")")
                    : Admission.ADMITTED;
        };
    }

    @Override
    public List<TrustedDevice> approve(Collection<String> deviceIds, String actor) {
        return decide(deviceIds, DeviceStatus.APPROVED, actor, "approved", "");
    }

    @Override
    public List<TrustedDevice> revoke(Collection<String> deviceIds, String actor) {
        return decide(deviceIds, DeviceStatus.REVOKED, actor, "revoked", "");
    }

    private List<TrustedDevice> decide(Collection<String> deviceIds, DeviceStatus status, String actor, String kind, String detail) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(deviceIds));
        if (ids.size() > MAX_BULK) {
            throw new IllegalArgumentException("at most " + MAX_BULK + " device ids at once, were " + ids.size());
        }
        ids.forEach(DeviceTrust::checkId);
        List<AuditEvent> decisions = new ArrayList<>();
        List<TrustedDevice> decided = store.inTransaction(kind + " devices", session -> {
            decisions.clear();
            Instant now = clock.instant();
            List<TrustedDevice> result = new ArrayList<>();
            for (String id : ids) {
                TrustDeviceRow row = session.find(TrustDeviceRow.class, id);
                if (row == null) {
                    row = new TrustDeviceRow(id, status, now);
                    session.persist(row);
                }
                String before = row.status().wire();
                row.decide(status, actor, now);
                event(session, id, now, kind, actor, detail.isEmpty() ? "was " + before : detail);
                decisions.add(new AuditEvent("trust.device." + kind, actor, AuditEvent.device(id),
                        detail.isEmpty() ? Map.of("before", before) : Map.of("before", before, "source", detail)));
                result.add(row.toDevice(scoring, now));
            }
            return result;
        });
        decisions.forEach(this::audit);
        return decided;
    }

    @Override
    public Optional<TrustedDevice> device(String deviceId) {
        checkId(deviceId);
        return store.inTransaction("read device", session -> Optional.ofNullable(session.find(TrustDeviceRow.class, deviceId))
                .map(row -> row.toDevice(scoring, clock.instant())));
    }

    @Override
    public DevicePage devices(DeviceQuery query) {
        ReputationScore current = scoring;
        return store.inTransaction("list devices", session -> {
            Instant now = clock.instant();
            String where = " from TrustDeviceRow d where (:status = '' or d.status = :status) and (:text = ''"
                    + " or lower(d.deviceId) like :pattern escape '!' or lower(d.name) like :pattern escape '!'"
                    + " or lower(d.platform) like :pattern escape '!')";
            TypedQuery<TrustDeviceRow> rows = session.createQuery("select d" + where
                    + " order by d.lastSeen desc nulls last, d.deviceId", TrustDeviceRow.class);
            TypedQuery<Long> count = session.createQuery("select count(d)" + where, Long.class);
            String text = query.text().strip().toLowerCase(Locale.ROOT);
            String pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            for (TypedQuery<?> q : List.of(rows, count)) {
                q.setParameter("status", query.status().map(DeviceStatus::wire).orElse(""));
                q.setParameter("text", text);
                q.setParameter("pattern", pattern);
            }
            if (query.scoreBelow().isEmpty()) {
                List<TrustedDevice> page = rows.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList()
                        .stream().map(row -> row.toDevice(current, now)).toList();
                return new DevicePage(page, count.getSingleResult());
            }
            double below = query.scoreBelow().get();
            List<TrustedDevice> scored = rows.setMaxResults(MAX_SCORED).getResultList().stream()
                    .filter(row -> row.scoreAt(current, now) < below).map(row -> row.toDevice(current, now)).toList();
            return new DevicePage(scored.stream().skip(query.offset()).limit(query.limit()).toList(), scored.size());
        });
    }

    @Override
    public List<TrustEvent> history(String deviceId, int limit) {
        checkId(deviceId);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
        return store.inTransaction("read device history", session -> session.createQuery(
                        "select e from TrustEventRow e where e.deviceId = :id order by e.at desc, e.id desc", TrustEventRow.class)
                .setParameter("id", deviceId).setMaxResults(limit).getResultList().stream().map(TrustEventRow::toEvent).toList());
    }

    @Override
    public Optional<ReputationOutcome> record(String deviceId, ReputationEvent event, String actor, String detail) {
        checkId(deviceId);
        List<AuditEvent> decisions = new ArrayList<>();
        ReputationScore current = scoring;
        Optional<ReputationOutcome> outcome = store.inTransaction("record reputation", session -> {
            decisions.clear();
            Instant now = clock.instant();
            TrustDeviceRow row = session.find(TrustDeviceRow.class, deviceId);
            if (row == null) {
                return Optional.<ReputationOutcome>empty();
            }
            if (event == ReputationEvent.REPORTED) {
                if (session.find(TrustReportRow.class, TrustReportRow.key(deviceId, actor)) != null) {
                    return Optional.of(new ReputationOutcome(false, row.status()));
                }
                session.persist(new TrustReportRow(deviceId, actor, detail, now));
                decisions.add(new AuditEvent("trust.device.reported", AuditEvent.device(actor), AuditEvent.device(deviceId), Map.of("reason", detail)));
            }
            row.count(event, current, now);
            event(session, deviceId, now, event.wire(), actor, detail);
            double score = row.scoreAt(current, now);
            boolean active = row.status() == DeviceStatus.PENDING || row.status() == DeviceStatus.APPROVED;
            if (current.weight(event) < 0 && active && current.holds(score)) {
                row.decide(DeviceStatus.HELD, AuditEvent.SYSTEM, now);
                String why = String.format(Locale.ROOT, "score %.2f below threshold %.2f", score, current.threshold());
                event(session, deviceId, now, "held", AuditEvent.SYSTEM, why);
                decisions.add(new AuditEvent("trust.device.held", AuditEvent.SYSTEM, AuditEvent.device(deviceId), Map.of("reason", why)));
            }
            return Optional.of(new ReputationOutcome(true, row.status()));
        });
        decisions.forEach(this::audit);
        return outcome;
    }

    private static void event(EntityManager session, String deviceId, Instant at, String kind, String actor, String detail) {
        session.persist(new TrustEventRow(deviceId, at, kind, actor, detail));
    }

    private void audit(AuditEvent event) {
        AuditLog log = audit;
        if (log == null) {
            LOG.warn("Not on record (audit capability stopped): {} of {} by {}", event.action(), event.subject(), event.actor());
            return;
        }
        try {
            log.record(event).exceptionally(failure -> {
                LOG.warn("Not on record: {} of {} ({})", event.action(), event.subject(), failure.getMessage());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Not on record: {} of {} ({})", event.action(), event.subject(), e.toString());
        }
    }

    static void checkId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("a device id is 8-64 characters [A-Za-z0-9_-]");
        }
    }
}
