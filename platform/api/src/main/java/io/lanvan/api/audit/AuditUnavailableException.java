package io.lanvan.api.audit;

/**
 * An event could not be recorded: the log is stopping, its queue is full, or the database failed.
 * Completes the stage {@link AuditLog#record} returned; the event is not on record.
 */
public class AuditUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
