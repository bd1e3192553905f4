package io.lanvan.persistence.internal;

import io.lanvan.api.persistence.Schema;
import io.lanvan.api.persistence.SchemaProblem;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of each declared schema on the open database: served (its EntityManagerFactory and
 * DataSource registered in the declaring bundle's name, so they leave with that bundle) or failed (with the
 * reason, until the bundle or the database starts again). Changed on the engine's opener thread
 * only; {@link #problems} is read from any thread.
 */
final class ServedSchemas {
    private static final Logger LOG = LoggerFactory.getLogger(ServedSchemas.class);
    private static final String WAITING = "not in service yet: waiting for the database and its migrations";

    private sealed interface Outcome permits Served, Failed {}

    private record Served(OpenSchema schema, List<ServiceRegistration<?>> registrations) implements Outcome {}

    private record Failed(SchemaProblem problem) implements Outcome {}

    private final Map<DeclaredSchema, Outcome> outcomes = new ConcurrentHashMap<>();

    /** Withdraws what is served for bundles no longer active, then serves what is declared and not yet served. */
    void reconcile(Database database, Collection<DeclaredSchema> declared) {
        Set<DeclaredSchema> active = Set.copyOf(declared);
        for (DeclaredSchema gone : List.copyOf(outcomes.keySet())) {
            if (!active.contains(gone)) {
                withdraw(gone);
            }
        }
        if (database == null) {
            return;
        }
        declared.stream().filter(schema -> schema.declaration() != null && !outcomes.containsKey(schema))
                .sorted(Comparator.comparingLong(schema -> schema.bundle().getBundleId()))
                .forEach(schema -> serveOrFail(database, schema));
    }

    /** Serves, and records anything unexpected as the schema's failure: the opener thread must go on to the next. */
    private void serveOrFail(Database database, DeclaredSchema declared) {
        try {
            serve(database, declared);
        } catch (RuntimeException | LinkageError unexpected) {
            LOG.error("Serving schema {} of {} failed unexpectedly", declared.declaration().name(), declared.declaration().owner(),
                    unexpected);
            outcomes.put(declared, new Failed(new SchemaProblem(declared.declaration().name(), declared.declaration().owner(), "",
                    unexpected.toString())));
        }
    }

    void withdrawAll() {
        List.copyOf(outcomes.keySet()).forEach(this::withdraw);
    }

    /** Every declared schema that has no EntityManagerFactory, with why. */
    List<SchemaProblem> problems(Collection<DeclaredSchema> declared) {
        List<SchemaProblem> problems = new ArrayList<>();
        for (DeclaredSchema schema : declared) {
            if (schema.invalid() != null) {
                problems.add(schema.invalid());
                continue;
            }
            Outcome outcome = outcomes.get(schema);
            if (outcome == null) {
                problems.add(new SchemaProblem(schema.declaration().name(), schema.declaration().owner(), "", WAITING));
            } else if (outcome instanceof Failed failed) {
                problems.add(failed.problem());
            }
        }
        problems.sort(Comparator.comparing(SchemaProblem::schema));
        return problems;
    }

    private void serve(Database database, DeclaredSchema declared) {
        SchemaDeclaration declaration = declared.declaration();
        String servedBy = outcomes.entrySet().stream()
                .filter(entry -> entry.getValue() instanceof Served && entry.getKey().declaration().name().equals(declaration.name()))
                .map(entry -> entry.getKey().declaration().owner()).collect(Collectors.joining());
        if (!servedBy.isEmpty()) {
            fail(declared, new SchemaProblem(declaration.name(), declaration.owner(), "",
                    "the schema name is taken by " + servedBy + "; each bundle needs a name of its own"));
            return;
        }
        long started = System.nanoTime();
        OpenSchema open;
        try {
            open = database.serve(declaration);
        } catch (SchemaFailure failure) {
            LOG.debug("Schema {} failed", declaration.name(), failure);
            fail(declared, failure.problem());
            return;
        }
        BundleContext context = declared.bundle().getBundleContext();
        try {
            if (context == null) {
                throw new IllegalStateException("stopped");
            }
            Dictionary<String, Object> properties = properties(database, declared);
            outcomes.put(declared, new Served(open, List.of(
                    context.registerService(EntityManagerFactory.class, open.entityManagerFactory(), properties),
                    context.registerService(DataSource.class, open.connections(), properties))));
        } catch (IllegalStateException stopped) {
            // the bundle stopped meanwhile (its registrations went with it); the tracker says so next
            open.close();
            return;
        }
        LOG.info("Schema {} of {} in service in {} ms", declaration.name(), declaration.owner(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void fail(DeclaredSchema declared, SchemaProblem problem) {
        outcomes.put(declared, new Failed(problem));
        // expected (a bad migration, a mapping that does not match): one line, the stack only at debug level
        LOG.error("The {} capability stays without its data: {}", problem.bundle(), problem.describe());
    }

    private void withdraw(DeclaredSchema declared) {
        Outcome outcome = outcomes.remove(declared);
        if (outcome instanceof Served served) {
            // A stopping bundle's services are the framework's to unregister, on the stopping thread,
            // in order with Declarative Services taking the bundle's components down; unregistering them
            // from here as well would race with that.
            if ((declared.bundle().getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                for (ServiceRegistration<?> registration : served.registrations()) {
                    try {
                        registration.unregister();
                    } catch (IllegalStateException alreadyGone) {
                        // the bundle stopped meanwhile
                    }
                }
            }
            try {
                served.schema().close();
            } catch (RuntimeException e) {
                LOG.warn("Closing schema {} failed: {}", declared.declaration().name(), e.toString());
            }
            LOG.info("Schema {} of {} withdrawn", declared.declaration().name(), declared.declaration().owner());
        }
    }

    private static Dictionary<String, Object> properties(Database database, DeclaredSchema declared) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Schema.UNIT_NAME, declared.declaration().name());
        properties.put(Schema.DATABASE, database.kind().label());
        properties.put(Schema.LOCATION, database.location());
        properties.put("osgi.unit.provider", HibernatePersistenceProvider.class.getName());
        properties.put("osgi.unit.version", declared.bundle().getVersion().toString());
        return properties;
    }
}
