package io.lanvan.persistence.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.persistence.SchemaProblem;
import io.lanvan.persistence.internal.Database;
import io.lanvan.persistence.internal.DatabaseSettings;
import io.lanvan.persistence.internal.OpenSchema;
import io.lanvan.persistence.internal.SchemaDeclaration;
import io.lanvan.persistence.internal.SchemaFailure;
import io.lanvan.persistence.internal.TestDatabases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's part that needs no OSGi: each declared schema is migrated from its own folder with a
 * history table of its own, in one database shared with the others, and validated against its
 * entities; a schema that fails says which migration and why, and leaves the others alone.
 */
abstract class SchemaServingContract {
    static final SchemaDeclaration ALPHA = declare("alpha", AlphaNote.class);
    static final SchemaDeclaration BETA = declare("beta");
    static final SchemaDeclaration BROKEN = declare("broken");
    static final SchemaDeclaration MISMATCH = declare("mismatch", MismatchNote.class);

    DatabaseSettings settings;
    Database database;

    abstract DatabaseSettings settings();

    @BeforeEach
    void openDatabase() {
        settings = settings();
        database = Database.open(settings);
    }

    @AfterEach
    void closeDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
        TestDatabases.dropSchema(settings);
    }

    @Test
    void eachSchemaKeepsItsMigrationHistoryInATableOfItsOwn() throws Exception {
        try (OpenSchema alpha = database.serve(ALPHA); OpenSchema beta = database.serve(BETA)) {
            assertEquals(2, applied("flyway_alpha_history"));
            assertEquals(1, applied("flyway_beta_history"));
            assertEquals(0, TestDatabases.queryLong(settings, "select count(*) from beta_item"));
        }
    }

    @Test
    void aSchemaServedAgainKeepsItsDataAndRunsNoMigrationTwice() throws Exception {
        try (OpenSchema alpha = database.serve(ALPHA)) {
            inTransactionDo(alpha.entityManagerFactory(), entities -> entities.persist(new AlphaNote(1, "kept", "ana")));
        }

        try (OpenSchema again = database.serve(ALPHA)) {
            AlphaNote note = inTransaction(again.entityManagerFactory(), entities -> entities.find(AlphaNote.class, 1L));
            assertEquals("kept", note.text());
            assertEquals("ana", note.author());
        }
        assertEquals(2, applied("flyway_alpha_history"));
    }

    @Test
    void aBrokenMigrationFailsOnlyItsOwnSchemaNamingTheVersion() throws Exception {
        try (OpenSchema alpha = database.serve(ALPHA)) {
            SchemaProblem problem = assertThrows(SchemaFailure.class, () -> database.serve(BROKEN)).problem();

            assertEquals("broken", problem.schema());
            assertEquals("2", problem.migration());
            assertTrue(problem.reason().toLowerCase().contains("tabel"), problem.reason());
            assertTrue(problem.describe().startsWith("schema broken (test): migration 2 failed: "), problem.describe());
            inTransactionDo(alpha.entityManagerFactory(), entities -> entities.persist(new AlphaNote(2, "still served", null)));
            assertEquals(1, TestDatabases.queryLong(settings, "select count(*) from alpha_note"));
        }
        try (OpenSchema beta = database.serve(BETA)) {
            assertEquals(1, applied("flyway_beta_history"));
        }
    }

    @Test
    void entitiesThatDoNotMatchTheMigratedTablesFailTheSchema() {
        SchemaProblem problem = assertThrows(SchemaFailure.class, () -> database.serve(MISMATCH)).problem();

        assertEquals("mismatch", problem.schema());
        assertEquals("", problem.migration());
        assertTrue(problem.reason().contains("text"), problem.reason());
    }

    @Test
    void entitiesMappingTablesNotNamedAfterTheSchemaAreRefused() {
        SchemaProblem problem = assertThrows(SchemaFailure.class, () -> database.serve(declare("gamma", AlphaNote.class))).problem();

        assertEquals("gamma", problem.schema());
        assertTrue(problem.reason().contains("alpha_note") && problem.reason().contains("gamma_"), problem.reason());
    }

    @Test
    void aSchemaWithoutItsMigrationsFolderFails() {
        SchemaProblem problem = assertThrows(SchemaFailure.class, () -> database.serve(declare("nothing"))).problem();

        assertTrue(problem.reason().contains("db/nothing"), problem.reason());
    }

    @Test
    void schemaNamesThatCannotNameATableAreRefused() {
        for (String name : List.of("", "Admin", "1st", "a-b", "a;drop", "x".repeat(31))) {
            assertThrows(IllegalArgumentException.class, () -> declare(name), name);
        }
    }

    private long applied(String history) throws Exception {
        return TestDatabases.queryLong(settings, "select count(*) from \"" + history + "\" where \"success\" and \"version\" <> '0'");
    }

    private static SchemaDeclaration declare(String name, Class<?>... entities) {
        return new SchemaDeclaration(name, "test", List.of(entities).stream().map(Class::getName).toList(),
                SchemaServingContract.class.getClassLoader());
    }

    private static <R> R inTransaction(EntityManagerFactory factory, java.util.function.Function<EntityManager, R> work) {
        EntityManager entities = factory.createEntityManager();
        try {
            entities.getTransaction().begin();
            R result = work.apply(entities);
            entities.getTransaction().commit();
            return result;
        } finally {
            if (entities.getTransaction().isActive()) {
                entities.getTransaction().rollback();
            }
            entities.close();
        }
    }

    private static void inTransactionDo(EntityManagerFactory factory, java.util.function.Consumer<EntityManager> work) {
        inTransaction(factory, entities -> {
            work.accept(entities);
            return null;
        });
    }
}
