package io.lanvan.trust.internal;

import io.lanvan.api.store.StoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;

/**
 * Short transactions on this capability's schema {@code trust}. A hello of a device seen for the first
 * time can race another hello of the same device (two tabs): the loser's insert fails on the primary
 * key, so work that inserts is tried once more, when it finds the row the winner made.
 */
final class TrustStore {
    private final EntityManagerFactory entities;

    TrustStore(EntityManagerFactory entities) {
        this.entities = entities;
    }

    <R> R inTransaction(String what, Function<EntityManager, R> work) {
        try {
            return once(work);
        } catch (RuntimeException first) {
            try {
                return once(work);
            } catch (RuntimeException e) {
                e.addSuppressed(first);
                throw new StoreException("Could not " + what + ": " + e.getMessage(), e);
            }
        }
    }

    private <R> R once(Function<EntityManager, R> work) {
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
    }
}
