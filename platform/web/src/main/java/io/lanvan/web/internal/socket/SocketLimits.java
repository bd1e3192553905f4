package io.lanvan.web.internal.socket;

import io.lanvan.web.internal.WebConfig;

/** The per-connection limits, fixed when a client connects. */
record SocketLimits(int maxTextBytes, int framesPerSecond, int frameBurst, long idleMillis) {
    static SocketLimits of(WebConfig config) {
        return new SocketLimits(config.maxSocketTextBytes(), config.socketFramesPerSecond(), config.socketFrameBurst(),
                config.socketIdleSeconds() * 1000L);
    }
}
