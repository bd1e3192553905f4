package io.lanvan.persistence.internal;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * The persistence unit, built by hand instead of read from {@code persistence.xml}: inside OSGi
 * there is nothing to scan, so the entity classes are listed (by the declaring bundle's manifest) and
 * loaded through the schema's class loader. One unit per schema, named after it. Bean Validation stays
 * off even if some bundle exports {@code jakarta.validation}.
 */
final class BundlePersistenceUnit implements PersistenceUnitInfo {
    private final String name;
    private final ClassLoader classLoader;
    private final DataSource dataSource;
    private final List<String> entityClassNames;

    BundlePersistenceUnit(String name, ClassLoader classLoader, DataSource dataSource, List<String> entityClassNames) {
        this.name = name;
        this.classLoader = classLoader;
        this.dataSource = dataSource;
        this.entityClassNames = entityClassNames;
    }

    @Override
    public String getPersistenceUnitName() {
        return name;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return HibernatePersistenceProvider.class.getName();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return null;
    }

    @Override
    public List<String> getManagedClassNames() {
        return entityClassNames;
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.1";
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // no load-time weaving: entities are plain classes
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return classLoader;
    }
}
