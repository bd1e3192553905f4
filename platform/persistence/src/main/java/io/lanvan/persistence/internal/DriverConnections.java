package io.lanvan.persistence.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections straight from the embedded driver, for the pool to hold. {@link java.sql.DriverManager}
 * is left out on purpose: this bundle deregisters its drivers from it when it stops, and after that
 * a DriverManager lookup would no longer find them on restart.
 */
final class DriverConnections implements DataSource {
    private final Driver driver;
    private final String url;
    private final Properties login;
    private int loginTimeoutSeconds;

    DriverConnections(Driver driver, String url, Properties login) {
        this.driver = driver;
        this.url = url;
        this.login = login;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = driver.connect(url, login);
        if (connection == null) {
            throw new SQLException("The " + driver.getClass().getName() + " driver does not accept this URL");
        }
        return connection;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Credentials come from the database settings");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // drivers log through their own loggers
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
