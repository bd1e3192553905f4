package io.lanvan.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Where admin accounts are kept. Registered only once the database is migrated. */
@ProviderType
public interface AdminAccountStore {
    Optional<AdminAccount> find(String username);

    /** Whether no account exists yet (first start). */
    boolean isEmpty();

    /** Creates an account; false when one with that name exists already. */
    boolean create(AdminAccount account);

    /** Replaces an existing account's password state; false when there is no such account. */
    boolean update(AdminAccount account);
}
