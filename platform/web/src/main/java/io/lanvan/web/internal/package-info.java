/** The web platform's private implementation: configuration and the pieces shared by REST, sockets and plain HTTP. */
package io.lanvan.web.internal;
