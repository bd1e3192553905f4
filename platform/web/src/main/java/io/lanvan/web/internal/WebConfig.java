package io.lanvan.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits and headers of the one HTTPS origin; edited in {@code etc/io.lanvan.web.cfg} or the admin console. */
@ObjectClassDefinition(name = "LANVan web", description = "Limits and security headers of the HTTPS origin")
public @interface WebConfig {
    String PID = "io.lanvan.web";

    @AttributeDefinition(min = "1024", description = "Largest REST request body in bytes; larger ones are answered 413")
    int maxRequestBytes() default 1024 * 1024;

    @AttributeDefinition(min = "1024", description = "Largest WebSocket text frame in bytes; a larger one closes the socket with 1009")
    int maxSocketTextBytes() default 64 * 1024;

    @AttributeDefinition(min = "1", description = "Sustained WebSocket frames per second allowed per connection")
    int socketFramesPerSecond() default 50;

    @AttributeDefinition(min = "1", description = "Burst of WebSocket frames allowed above the sustained rate before the socket is closed")
    int socketFrameBurst() default 200;

    @AttributeDefinition(min = "10", description = "Seconds a socket may stay silent before the server closes it")
    int socketIdleSeconds() default 120;

    @AttributeDefinition(min = "0", description = "HSTS max-age in seconds sent on HTTPS responses (0 turns HSTS off)")
    long hstsMaxAgeSeconds() default 15_552_000L;

    @AttributeDefinition(description = "Content-Security-Policy sent on every response")
    String contentSecurityPolicy() default "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
}
