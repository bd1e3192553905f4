package io.lanvan.persistence.internal;

import io.lanvan.api.persistence.Schema;
import io.lanvan.api.persistence.SchemaProblem;
import java.util.Dictionary;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * Reads the schema headers of bundles as they start, and says when the set of declared schemas
 * changed. Runs on the framework's threads, so it only reads headers; the work is the engine's.
 */
final class SchemaDeclarations implements BundleTrackerCustomizer<DeclaredSchema> {
    private final Bundle engine;
    private final Runnable changed;

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
        changed.run();
        return declared;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, DeclaredSchema declared) {
        // STARTING to ACTIVE: still the same start of the bundle
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, DeclaredSchema declared) {
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
