package io.lanvan.persistence.internal;

import io.lanvan.api.persistence.Schema;
import io.lanvan.api.persistence.SchemaProblem;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * Reads the schema headers of bundles as they start, keeps the declared schemas of active bundles,
 * and says when they changed. Runs on the framework's threads, so it only reads headers; the work
 * is the engine's. The set is its own rather than the tracker's: the tracker records a bundle only
 * after {@link #addingBundle} returns, and the engine may already be looking by then.
 */
final class SchemaDeclarations implements BundleTrackerCustomizer<DeclaredSchema> {
    private final Bundle engine;
    private final Runnable changed;
    private final Set<DeclaredSchema> active = ConcurrentHashMap.newKeySet();

    SchemaDeclarations(Bundle engine, Runnable changed) {
        this.engine = engine;
        this.changed = changed;
    }

    @Override
    public DeclaredSchema addingBundle(Bundle bundle, BundleEvent event) {
        Dictionary<String, String> headers = bundle.getHeaders("");
        String name = headers.get(Schema.HEADER);
        if (name == null) {
            return null;
        }
        DeclaredSchema declared = declare(bundle, name, headers.get(Schema.ENTITIES_HEADER));
        active.add(declared);
        changed.run();
        return declared;
    }

    /** The declared schemas of the bundles active now. */
    List<DeclaredSchema> active() {
        return List.copyOf(active);
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, DeclaredSchema declared) {
        // STARTING to ACTIVE: still the same start of the bundle
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, DeclaredSchema declared) {
        active.remove(declared);
        changed.run();
    }

    private DeclaredSchema declare(Bundle bundle, String name, String entities) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return invalid(bundle, name, "the bundle is not resolved");
        }
        ClassLoader engineLoader = SchemaDeclarations.class.getClassLoader();
        ClassLoader loader = bundle.equals(engine) ? engineLoader : new SchemaClassLoader(wiring.getClassLoader(), engineLoader);
        try {
            return new DeclaredSchema(bundle, SchemaDeclaration.of(name, entities, bundle.getSymbolicName(), loader), null);
        } catch (IllegalArgumentException refused) {
            return invalid(bundle, name, refused.getMessage());
        }
    }

    private static DeclaredSchema invalid(Bundle bundle, String name, String reason) {
        return new DeclaredSchema(bundle, null, new SchemaProblem(name.trim(), bundle.getSymbolicName(), "", reason));
    }
}
