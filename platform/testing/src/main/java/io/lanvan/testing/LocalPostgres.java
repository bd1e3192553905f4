package io.lanvan.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The PostgreSQL server the tests use: 127.0.0.1:5432, database {@code test}, trust authentication (override
 * with the system properties {@code lanvan.test.pg.url} and {@code lanvan.test.pg.user}).
 *
 * <p>Where it is not running, PostgreSQL tests are skipped on a developer's machine but fail under CI
 * ({@code CI} set in the environment): there a missing database must not turn into a green build.
 */
public final class LocalPostgres {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;

    private LocalPostgres() {
    }

    public static String url() {
        return System.getProperty("lanvan.test.pg.url", "jdbc:postgresql://" + HOST + ":" + PORT + "/test");
    }

    public static String user() {
        return System.getProperty("lanvan.test.pg.user", "postgres");
    }

    /** Whether something accepts connections on the PostgreSQL port. */
    public static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether PostgreSQL tests should run: true when it listens; false (skip) when it does not on a
     * developer's machine; an {@link AssertionError} when it does not under CI.
     */
    public static boolean required() {
        if (listening()) {
            return true;
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("PostgreSQL is not listening on " + HOST + ":" + PORT + ", and CI runs every test");
        }
        return false;
    }

    /** The message for a skipped PostgreSQL test. */
    public static String skipMessage() {
        return "PostgreSQL is not listening on " + HOST + ":" + PORT + ": skipping the PostgreSQL tests";
    }
}
