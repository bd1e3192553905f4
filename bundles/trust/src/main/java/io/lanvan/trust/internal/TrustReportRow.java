package io.lanvan.trust.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A row of {@code trust_report}: a person's report of a device, one per reporter and target. */
@Entity
@Table(name = "trust_report")
public class TrustReportRow {
    @EmbeddedId
    private Key key;
    @Column(name = "reason", nullable = false, length = 200)
    private String reason;
    @Column(name = "reported_at", nullable = false)
    private Instant reportedAt;

    protected TrustReportRow() {
    }

    TrustReportRow(String target, String reporter, String reason, Instant at) {
        this.key = new Key(target, reporter);
        this.reason = reason.length() > 200 ? reason.substring(0, 200) : reason;
        this.reportedAt = at;
    }

    /** Target and reporter device ids. */
    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        @Column(name = "target_device_id", length = 64)
        private String target;
        @Column(name = "reporter_device_id", length = 64)
        private String reporter;

        protected Key() {
        }

        Key(String target, String reporter) {
            this.target = target;
            this.reporter = reporter;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.target.equals(target) && key.reporter.equals(reporter);
        }

        @Override
        public int hashCode() {
            return target.hashCode() * 31 + reporter.hashCode();
        }
    }

    /** The report as an export shows it. */
    java.util.Map<String, Object> toMap() {
        return java.util.Map.of("target", key.target, "reporter", key.reporter, "reason", reason, "reportedAt", reportedAt.toString());
    }

    static Key key(String target, String reporter) {
        return new Key(target, reporter);
    }
}
