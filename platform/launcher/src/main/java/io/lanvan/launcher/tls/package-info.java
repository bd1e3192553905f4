/** The server's TLS key store: a local certificate authority on first start, or the admin's own certificate. */
package io.lanvan.launcher.tls;
