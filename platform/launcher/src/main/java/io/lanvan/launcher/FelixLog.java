package io.lanvan.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/** Sends the Felix framework's own log lines to SLF4J, so they land in logs/lanvan.log with the rest. */
final class FelixLog extends Logger {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String line = bundle == null ? msg : bundle.getSymbolicName() + ": " + msg;
        switch (level) {
            case LOG_ERROR -> LOG.error(line, throwable);
            case LOG_WARNING -> LOG.warn(line, throwable);
            case LOG_INFO -> LOG.info(line, throwable);
            default -> LOG.debug(line, throwable);
        }
    }
}
