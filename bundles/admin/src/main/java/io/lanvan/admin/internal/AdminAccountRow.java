package io.lanvan.admin.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code admin_account}, in this capability's schema {@code admin}. */
@Entity
@Table(name = "admin_account")
public class AdminAccountRow {
    @Id
    @Column(name = "username", length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    protected AdminAccountRow() {
    }

    AdminAccountRow(AdminAccount account) {
        this.username = account.username();
        apply(account);
    }

    void apply(AdminAccount account) {
        this.passwordHash = account.passwordHash();
        this.mustChangePassword = account.mustChangePassword();
        this.passwordChangedAt = account.passwordChangedAt();
    }

    AdminAccount toAccount() {
        return new AdminAccount(username, passwordHash, mustChangePassword, passwordChangedAt);
    }
}
