package io.lanvan.web.internal;

import io.lanvan.api.persistence.SchemaHealth;
import io.lanvan.api.persistence.SchemaProblem;
import io.lanvan.api.platform.BundleKind;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Decides whether the server is ready: every bundle meant to run (persistently started) is ACTIVE
 * and every enabled component of our bundles is satisfied, and every schema a running bundle
 * declares is migrated and in service (the persistence engine says which are not, and why). A bundle
 * an admin stopped is not meant to run, so it does not make the server unready.
 */
@Component(service = Readiness.class)
public final class Readiness {
    private final BundleContext context;
    private final ServiceComponentRuntime components;
    /**
     * Optional and dynamic: while the persistence bundle is down there is no engine to ask, and its
     * bundle state already makes the server unready.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemaHealth schemas;

    @Activate
    public Readiness(BundleContext context, @Reference ServiceComponentRuntime components) {
        this.context = context;
        this.components = components;
    }

    /** What keeps the server from being ready, one line each; empty when ready. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0 || isFragment(bundle) || !meantToRun(bundle)) {
                continue;
            }
            if (bundle.getState() != Bundle.ACTIVE) {
                problems.add(bundle.getSymbolicName() + ": bundle " + stateName(bundle.getState()));
            } else if (BundleKind.of(bundle) != BundleKind.SYSTEM) {
                componentProblems(bundle, problems);
            }
        }
        SchemaHealth engine = schemas;
        if (engine != null) {
            engine.problems().stream().map(SchemaProblem::describe).forEach(problems::add);
        }
        return problems;
    }

    private void componentProblems(Bundle bundle, List<String> problems) {
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs(bundle)) {
            if (!components.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> problems.add(description.name
                            + ": waiting for " + missingReferences(configuration));
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> problems.add(description.name
                            + ": waiting for its configuration");
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> problems.add(description.name
                            + ": failed to activate: " + configuration.failure.lines().findFirst().orElse("unknown"));
                    default -> { }
                }
            }
        }
    }

    private static String missingReferences(ComponentConfigurationDTO configuration) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            names.add(reference.name);
        }
        return String.join(", ", names);
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static boolean meantToRun(Bundle bundle) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return level == null || level.isPersistentlyStarted();
    }

    public static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
