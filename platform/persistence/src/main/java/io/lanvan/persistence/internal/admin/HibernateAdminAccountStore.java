package io.lanvan.persistence.internal.admin;

import io.lanvan.api.store.AdminAccount;
import io.lanvan.api.store.AdminAccountStore;
import io.lanvan.api.store.StoreException;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/** Admin accounts through Hibernate; a handful of rows, so plain sessions and entities. */
public final class HibernateAdminAccountStore implements AdminAccountStore {
    private final SessionFactory sessions;

    public HibernateAdminAccountStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<AdminAccount> find(String username) {
        return inTransaction("read admin account", session ->
                Optional.ofNullable(session.find(AdminAccountRow.class, username)).map(AdminAccountRow::toAccount));
    }

    @Override
    public boolean isEmpty() {
        return inTransaction("count admin accounts", session ->
                session.createQuery("select count(a) from AdminAccountRow a", Long.class).getSingleResult() == 0);
    }

    @Override
    public boolean create(AdminAccount account) {
        return inTransaction("create admin account", session -> {
            if (session.find(AdminAccountRow.class, account.username()) != null) {
                return false;
            }
            session.persist(new AdminAccountRow(account));
            return true;
        });
    }

    @Override
    public boolean update(AdminAccount account) {
        return inTransaction("update admin account", session -> {
            AdminAccountRow row = session.find(AdminAccountRow.class, account.username());
            if (row == null) {
                return false;
            }
            row.apply(account);
            return true;
        });
    }

    private <R> R inTransaction(String what, Function<Session, R> work) {
        try {
            return sessions.fromTransaction(work);
        } catch (RuntimeException e) {
            throw new StoreException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
