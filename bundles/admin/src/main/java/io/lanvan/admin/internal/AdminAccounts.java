package io.lanvan.admin.internal;

import io.lanvan.api.persistence.Schema;
import io.lanvan.api.store.StoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Where admin accounts are kept: this capability's own schema {@value #SCHEMA} (bnd.bnd declares it,
 * db/admin holds its migrations), reached through the EntityManagerFactory the persistence engine
 * registers once it is migrated. A handful of rows, so plain entities in short transactions. Every
 * method fails with a {@link StoreException} when the database does.
 */
@Component(service = AdminAccounts.class)
public final class AdminAccounts {
    static final String SCHEMA = "admin";

    private final EntityManagerFactory entities;

    @Activate
    public AdminAccounts(@Reference(target = "(" + Schema.UNIT_NAME + "=" + SCHEMA + ")") EntityManagerFactory entities) {
        this.entities = entities;
    }

    Optional<AdminAccount> find(String username) {
        return inTransaction("read admin account", session ->
                Optional.ofNullable(session.find(AdminAccountRow.class, username)).map(AdminAccountRow::toAccount));
    }

    /** Whether no account exists yet (first start). */
    boolean isEmpty() {
        return inTransaction("count admin accounts", session ->
                session.createQuery("select count(a) from AdminAccountRow a", Long.class).getSingleResult() == 0);
    }

    /** Creates an account; false when one with that name exists already. */
    boolean create(AdminAccount account) {
        return inTransaction("create admin account", session -> {
            if (session.find(AdminAccountRow.class, account.username()) != null) {
                return false;
            }
            session.persist(new AdminAccountRow(account));
            return true;
        });
    }

    /** Replaces an existing account's password state; false when there is no such account. */
    boolean update(AdminAccount account) {
        return inTransaction("update admin account", session -> {
            AdminAccountRow row = session.find(AdminAccountRow.class, account.username());
            if (row == null) {
                return false;
            }
            row.apply(account);
            return true;
        });
    }

    private <R> R inTransaction(String what, Function<EntityManager, R> work) {
        try {
            EntityManager session = entities.createEntityManager();
            try {
                session.getTransaction().begin();
                R result = work.apply(session);
                session.getTransaction().commit();
                return result;
            } finally {
                try {
                    if (session.isOpen() && session.getTransaction().isActive()) {
                        session.getTransaction().rollback();
                    }
                } finally {
                    session.close(); // returns the connection to the shared pool even when the factory was closed under us
                }
            }
        } catch (RuntimeException e) {
            throw new StoreException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
