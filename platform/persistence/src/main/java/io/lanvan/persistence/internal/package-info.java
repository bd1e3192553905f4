/** The persistence bundle's private parts: connection settings, pool, migrations, Hibernate bootstrap, and the engine that serves each declaring bundle its schema. */
package io.lanvan.persistence.internal;
