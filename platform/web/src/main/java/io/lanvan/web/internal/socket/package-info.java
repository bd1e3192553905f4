/** The /ws WebSocket: upgrade, frame validation and rate limits, dispatch of message types to handler services. */
package io.lanvan.web.internal.socket;
