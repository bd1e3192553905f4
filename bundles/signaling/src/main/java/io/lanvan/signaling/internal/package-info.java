/** Signaling's private parts: rooms, pairing codes, the transfer ledger and the /ws message handler. */
package io.lanvan.signaling.internal;
