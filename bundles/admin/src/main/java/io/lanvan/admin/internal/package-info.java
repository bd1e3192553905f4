/** The admin capability's private parts: its accounts (schema "admin"), password hashing, sessions, the gate on /api/admin and its resources. */
package io.lanvan.admin.internal;
