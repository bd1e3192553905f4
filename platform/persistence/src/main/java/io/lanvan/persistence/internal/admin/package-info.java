/** Admin accounts in the database: the entity and the store service behind io.lanvan.api.store.AdminAccountStore. */
package io.lanvan.persistence.internal.admin;
