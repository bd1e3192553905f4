package io.lanvan.api.audit;

/** How {@link AuditLog#export} writes records. */
public enum AuditExportFormat {
    /**
     * RFC 4180 CSV with a header row: sequence, timestamp (ISO-8601 UTC), action, actor, subject,
     * details (a JSON object), previousHash, hash. Values are exported as recorded, so an export can
     * be re-verified; open it in a spreadsheet with formula evaluation off.
     */
    CSV("text/csv", "csv"),
    /** One JSON object per line, with the same fields and {@code details} as a nested object. */
    JSONL("application/jsonl", "jsonl");

    private final String mediaType;
    private final String fileExtension;

    AuditExportFormat(String mediaType, String fileExtension) {
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileExtension() {
        return fileExtension;
    }
}
