package io.lanvan.web.internal.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import io.lanvan.api.platform.LaunchProperties;
import io.lanvan.api.web.RestResource;
import io.lanvan.web.internal.WebConfig;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey at {@code /api/*}, serving every service marked {@link RestResource}. A ServiceTracker
 * rather than a DS reference, because resources are registered under their own classes: the
 * whiteboard matches on the property alone. Changes are coalesced into one Jersey reload.
 */
@Component(service = Servlet.class, immediate = true, configurationPid = WebConfig.PID)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletName("lanvan-rest")
@Designate(ocd = WebConfig.class)
public final class RestServlet extends ServletContainer {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RestServlet.class);
    private static final long RELOAD_DELAY_MS = 50;
    private static final long RELOAD_WAIT_SECONDS = 5;

    private final transient BundleContext context;
    private transient volatile WebConfig config;
    private final transient Map<ServiceReference<Object>, Object> contributed = new ConcurrentHashMap<>();
    private final transient ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "lanvan-rest-reload"));
    private final transient ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private transient ServiceTracker<Object, Object> tracker;
    private transient ScheduledFuture<?> pendingReload;
    private volatile boolean initialised;

    @Activate
    public RestServlet(BundleContext context, WebConfig config) {
        super(application(context, config, List.of()));
        this.context = context;
        this.config = config;
    }

    /** A changed limit rebuilds the application in place: the servlet stays registered, requests keep flowing. */
    @Modified
    void modified(WebConfig changed) {
        this.config = changed;
        scheduleReload();
    }

    @Override
    public void init(ServletConfig servletConfig) throws ServletException {
        withJerseyClassLoader(() -> {
            try {
                super.init(servletConfig);
            } catch (ServletException e) {
                throw new IllegalStateException(e);
            }
        });
        initialised = true;
        openTracker();
    }

    private void openTracker() {
        try {
            tracker = new ServiceTracker<>(context, context.createFilter("(" + RestResource.PROPERTY + "=true)"), null) {
                @Override
                public Object addingService(ServiceReference<Object> reference) {
                    Object resource = context.getService(reference);
                    if (resource != null) {
                        contributed.put(reference, resource);
                        scheduleReload();
                    }
                    return resource;
                }

                @Override
                public void removedService(ServiceReference<Object> reference, Object resource) {
                    contributed.remove(reference);
                    context.ungetService(reference);
                    scheduleReload();
                }
            };
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        tracker.open(true);
        scheduleReload();
    }

    private synchronized void scheduleReload() {
        if (!initialised || reloads.isShutdown()) {
            return;
        }
        if (pendingReload != null) {
            pendingReload.cancel(false);
        }
        pendingReload = reloads.schedule(this::reloadNow, RELOAD_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Jersey shuts the old application's request scope down on reload, so a request still inside it
     * would fail with 500. Requests hold the read side of a lock and the reload takes the write side:
     * a swap waits for in-flight requests (up to a bound, so a long-lived stream cannot block it) and
     * new requests wait the few milliseconds the swap takes.
     */
    private void reloadNow() {
        if (!initialised) {
            return;
        }
        ResourceConfig next = application(context, config, contributed.values());
        boolean exclusive = false;
        try {
            exclusive = swap.writeLock().tryLock(RELOAD_WAIT_SECONDS, TimeUnit.SECONDS);
            withJerseyClassLoader(() -> reload(next));
            LOG.debug("REST application reloaded with {} contributed resources", contributed.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (initialised) {
                LOG.error("Reloading the REST application failed", e);
            } else {
                // the servlet was replaced (e.g. its configuration changed) while this reload ran
                LOG.debug("REST reload abandoned: the servlet is being replaced");
            }
        } finally {
            if (exclusive) {
                swap.writeLock().unlock();
            }
        }
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        swap.readLock().lock();
        try {
            super.service(request, response);
        } finally {
            swap.readLock().unlock();
        }
    }

    private static ResourceConfig application(BundleContext context, WebConfig config, Collection<Object> contributed) {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        ResourceConfig application = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .register(new JacksonJsonProvider(json))
                .register(new RequestLimits(config.maxRequestBytes()))
                .registerInstances(ProblemMappers.all())
                .register(new SystemResource(version(context)))
                .register(new OpenApiResource(version(context)));
        contributed.forEach(application::register);
        return application;
    }

    private static String version(BundleContext context) {
        String launched = context.getProperty(LaunchProperties.VERSION);
        return launched != null ? launched : context.getBundle().getVersion().toString();
    }

    /**
     * Jersey looks up its own services (HK2 injection manager, providers) through the thread context
     * class loader; inside OSGi that must be the jersey-server bundle's loader while it initialises.
     */
    private static void withJerseyClassLoader(Runnable work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ResourceConfig.class.getClassLoader());
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void destroy() {
        initialised = false;
        super.destroy();
    }

    @Deactivate
    void deactivate() {
        reloads.shutdownNow();
        if (tracker != null) {
            tracker.close();
        }
    }
}
