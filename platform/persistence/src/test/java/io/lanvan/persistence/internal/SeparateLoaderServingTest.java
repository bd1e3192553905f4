package io.lanvan.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import jakarta.persistence.EntityManager;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As in OSGi: the entities and migrations come from a class loader that sees the JPA API but not
 * Hibernate or Flyway (a capability bundle), and the schema is served through the composite loader.
 */
class SeparateLoaderServingTest {
    @TempDir
    Path folder;

    @Test
    void entitiesOfALoaderThatCannotSeeHibernateAreServed() throws Exception {
        ClassLoader engine = SeparateLoaderServingTest.class.getClassLoader();
        URL testClasses = SeparateLoaderServingTest.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader capability = new URLClassLoader(new URL[] {testClasses}, new JpaApiOnly(engine));
             Database database = Database.open(TestDatabases.h2(folder))) {
            Class<?> note = capability.loadClass("io.lanvan.persistence.internal.schema.AlphaNote");
            assertNotSame(engine, note.getClassLoader());
            SchemaDeclaration alpha = new SchemaDeclaration("alpha", "capability", List.of(note.getName()),
                    new SchemaClassLoader(capability, engine));

            try (OpenSchema schema = database.serve(alpha)) {
                EntityManager entities = schema.entityManagerFactory().createEntityManager();
                try {
                    entities.getTransaction().begin();
                    entities.createNativeQuery("insert into alpha_note (id, text) values (7, 'hello')").executeUpdate();
                    entities.getTransaction().commit();
                    Object found = entities.find(note, 7L);
                    assertEquals(note, found.getClass());
                } finally {
                    entities.close();
                }
            }
        }
    }

    /** The JDK and jakarta.persistence, as a capability bundle's imports give it; nothing of Hibernate. */
    private static final class JpaApiOnly extends ClassLoader {
        private final ClassLoader engine;

        JpaApiOnly(ClassLoader engine) {
            super(ClassLoader.getPlatformClassLoader());
            this.engine = engine;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("jakarta.persistence.")) {
                return engine.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
