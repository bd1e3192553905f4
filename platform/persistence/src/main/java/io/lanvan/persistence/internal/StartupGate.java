package io.lanvan.persistence.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Says once when the database may be opened for the first time: when the framework has reached
 * the start level of every bundle meant to run (so FileInstall has read etc/) and a configuration
 * that ConfigAdmin holds for the persistence component has been delivered to it. On a first boot
 * the configuration from etc/ arrives only then; opening the default database before it would
 * create and migrate a database nobody asked for. Later (a bundle restart, a configuration change)
 * the gate is open at once.
 */
final class StartupGate implements FrameworkListener {
    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final Runnable open;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile boolean configurationDelivered;

    /** @param configurations may be null: then no configuration is waited for */
    StartupGate(BundleContext context, ConfigurationAdmin configurations, boolean configurationDelivered, Runnable open) {
        this.context = context;
        this.configurations = configurations;
        this.configurationDelivered = configurationDelivered;
        this.open = open;
    }

    /** Starts listening; opens now if nothing is to be waited for. */
    void watch() {
        context.addFrameworkListener(this);
        check();
    }

    void close() {
        context.removeFrameworkListener(this);
    }

    void configurationDelivered() {
        configurationDelivered = true;
        check();
    }

    /** Whether the gate has opened (by itself, or {@link #force()}d). */
    boolean isOpen() {
        return opened.get();
    }

    /** Opens regardless, unless it opened already: the wait is over. */
    void force() {
        if (opened.compareAndSet(false, true)) {
            open.run();
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
            check();
        }
    }

    private void check() {
        if (frameworkSettled() && configurationArrived()) {
            force();
        }
    }

    private boolean configurationArrived() {
        if (configurationDelivered || configurations == null) {
            return true;
        }
        try {
            return configurations.listConfigurations("(" + Constants.SERVICE_PID + "=" + PersistenceConfig.PID + ")") == null;
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            return true;
        }
    }

    private boolean frameworkSettled() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        if (system.getState() != Bundle.ACTIVE) {
            return false;
        }
        int highest = 0;
        for (Bundle bundle : context.getBundles()) {
            BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
            if (level != null && level.isPersistentlyStarted()) {
                highest = Math.max(highest, level.getStartLevel());
            }
        }
        return system.adapt(FrameworkStartLevel.class).getStartLevel() >= highest;
    }
}
