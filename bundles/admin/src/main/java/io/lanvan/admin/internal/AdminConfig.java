package io.lanvan.admin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Admin sign-in rules, from {@code etc/io.lanvan.admin.cfg}. */
@ObjectClassDefinition(name = "Admin sign-in", description = "Sessions and sign-in limits of the admin console")
public @interface AdminConfig {
    String PID = "io.lanvan.admin";

    @AttributeDefinition(min = "1", max = "1440", description = "Minutes an idle admin session lasts")
    int sessionMinutes() default 30;

    @AttributeDefinition(min = "1", max = "720", description = "Hours a session lasts at most, however active")
    int sessionMaxHours() default 8;

    @AttributeDefinition(description = "Wrong passwords from one address for one account before that address must wait "
            + "(an address waits after four times as many over all accounts); other addresses are not affected", min = "1")
    int lockoutAfterFailures() default 5;

    @AttributeDefinition(description = "Minutes the first wait lasts; each further one from the same address doubles, up to a day",
            min = "1")
    int lockoutMinutes() default 15;

    @AttributeDefinition(description = "Passwords checked at the same time (each check takes 19 MiB); "
            + "further sign-ins are answered 429 at once, to retry a second later", min = "1", max = "16")
    int concurrentSignIns() default 2;

    @AttributeDefinition(description = "Passwords checked per minute over all accounts and addresses; "
            + "beyond it sign-ins are answered 429 until the rate allows another", min = "1")
    int signInsPerMinute() default 60;
}
