package io.lanvan.persistence.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class space one schema is served from: the declaring bundle first (its entities and its
 * {@code db/<name>/} migrations), then this bundle (Hibernate, Flyway and their ServiceLoader
 * plugins, which the declaring bundle neither has nor imports). Flyway's OSGi scanner lists a
 * migrations folder in whichever bundle the resource URL names, so it finds the declaring bundle's.
 */
final class SchemaClassLoader extends ClassLoader {
    private final ClassLoader declaring;
    private final ClassLoader engine;

    SchemaClassLoader(ClassLoader declaring, ClassLoader engine) {
        super(null);
        this.declaring = declaring;
        this.engine = engine;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        try {
            return declaring.loadClass(name);
        } catch (ClassNotFoundException | NoClassDefFoundError notThere) {
            return engine.loadClass(name);
        }
    }

    @Override
    protected URL findResource(String name) {
        URL found = declaring.getResource(name);
        return found != null ? found : engine.getResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> found = new ArrayList<>(Collections.list(declaring.getResources(name)));
        found.addAll(Collections.list(engine.getResources(name)));
        return Collections.enumeration(found);
    }
}
