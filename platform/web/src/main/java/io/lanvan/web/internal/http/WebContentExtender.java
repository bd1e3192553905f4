package io.lanvan.web.internal.http;

import io.lanvan.api.web.WebContent;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender behind {@link WebContent}: while a bundle with the header is active, one whiteboard
 * servlet per declared path serves its files; when it stops, the servlets are unregistered.
 */
@Component(immediate = true, service = {})
public final class WebContentExtender {
    private static final Logger LOG = LoggerFactory.getLogger(WebContentExtender.class);

    private final BundleTracker<List<ServiceRegistration<Servlet>>> tracker;

    @Activate
    public WebContentExtender(BundleContext context) {
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public List<ServiceRegistration<Servlet>> addingBundle(Bundle bundle, BundleEvent event) {
                String header = bundle.getHeaders("").get(WebContent.HEADER);
                if (header == null) {
                    return null;
                }
                return register(context, bundle, header);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<Servlet>> registrations) {
                registrations.forEach(WebContentExtender::unregisterQuietly);
            }
        };
        tracker.open();
    }

    private static List<ServiceRegistration<Servlet>> register(BundleContext context, Bundle bundle, String header) {
        List<ServiceRegistration<Servlet>> registrations = new ArrayList<>();
        for (ContentMount mount : ContentMount.parse(header)) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, mount.patterns());
            properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME,
                    "content:" + bundle.getSymbolicName() + ":" + mount.path());
            registrations.add(context.registerService(Servlet.class, new BundleContentServlet(bundle, mount), properties));
            LOG.info("Serving {} at {}", bundle.getSymbolicName(), mount.path());
        }
        return registrations;
    }

    private static void unregisterQuietly(ServiceRegistration<Servlet> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            LOG.debug("Content servlet already unregistered");
        }
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }
}
