package io.lanvan.persistence.internal;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2 and pgjdbc register themselves in the JDK-wide {@link DriverManager} when first loaded; left
 * there, they pin this bundle's class loader after every update (docs/runtime-stack.md, Persistence).
 */
final class JdbcDrivers {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDrivers.class);

    private JdbcDrivers() {
    }

    static void deregisterLoadedBy(ClassLoader classLoader) {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == classLoader) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.warn("Could not deregister JDBC driver {}: {}", driver.getClass().getName(), e.getMessage());
                }
            }
        }
    }
}
