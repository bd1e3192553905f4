package io.lanvan.api.store;

/** A store operation failed in the database (connection lost, constraint violated); nothing of it was committed. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
