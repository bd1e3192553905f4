package io.lanvan.launcher;

/**
 * A deployment setting the launcher cannot start with. The message names the environment variable or
 * property key and the rule it broke, because it is all an admin sees before the server exits.
 */
public final class InvalidSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(String message) {
        super(message);
    }

    public InvalidSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
