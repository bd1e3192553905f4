package io.lanvan.admin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Admin sign-in rules, from {@code etc/io.lanvan.admin.cfg}. */
@ObjectClassDefinition(name = "Admin sign-in", description = "Sessions and lockout of the admin console")
public @interface AdminConfig {
    String PID = "io.lanvan.admin";

    @AttributeDefinition(description = "Minutes an idle admin session lasts")
    int sessionMinutes() default 30;

    @AttributeDefinition(description = "Hours a session lasts at most, however active")
    int sessionMaxHours() default 8;

    @AttributeDefinition(description = "Wrong passwords in a row before sign-in is locked for an account or address")
    int lockoutAfterFailures() default 5;

    @AttributeDefinition(description = "Minutes sign-in stays locked after too many wrong passwords")
    int lockoutMinutes() default 15;
}
