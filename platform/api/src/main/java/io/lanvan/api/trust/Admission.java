package io.lanvan.api.trust;

/** Whether a device may join, and when not, a reason to show it. */
public record Admission(Verdict verdict, String reason) {
    /** The outcomes of {@link TrustService#admit}. */
    public enum Verdict {
        ADMITTED,
        /** Not approved while approval is required: it may join once an admin approves its key. */
        AWAITING_APPROVAL,
        /** Revoked by an admin: refused whatever name it claims. */
        REVOKED,
        /** Held because of its reputation: refused until an admin approves it. */
        HELD
    }

    /** The device may join. */
    public static final Admission ADMITTED = new Admission(Verdict.ADMITTED, "");

    public boolean admitted() {
        return verdict == Verdict.ADMITTED;
    }
}
