package io.lanvan.trust.internal;

import io.lanvan.api.trust.TrustEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code trust_event}: one decision or reputation event of a device. */
@Entity
@Table(name = "trust_event")
public class TrustEventRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;
    @Column(name = "device_id", nullable = false, length = 64)
    private String deviceId;
    @Column(name = "at", nullable = false)
    private Instant at;
    @Column(name = "kind", nullable = false, length = 32)
    private String kind;
    @Column(name = "actor", nullable = false, length = 200)
    private String actor;
    @Column(name = "detail", nullable = false, length = 400)
    private String detail;

    protected TrustEventRow() {
    }

    TrustEventRow(String deviceId, Instant at, String kind, String actor, String detail) {
        this.deviceId = deviceId;
        this.at = at;
        this.kind = kind;
        this.actor = cut(actor, 200);
        this.detail = cut(detail, 400);
    }

    private static String cut(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() > max ? value.substring(0, max) : value;
    }

    TrustEvent toEvent() {
        return new TrustEvent(at, kind, actor, detail);
    }
}
