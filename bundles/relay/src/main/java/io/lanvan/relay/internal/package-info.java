/** The relay's private parts: tickets, the pairing of a transfer's two sockets, and frame forwarding. */
package io.lanvan.relay.internal;
