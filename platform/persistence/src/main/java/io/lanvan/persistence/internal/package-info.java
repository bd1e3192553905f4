/** The persistence bundle's private parts: connection settings, pool, migrations, Hibernate bootstrap, and the component that publishes the stores. */
package io.lanvan.persistence.internal;
