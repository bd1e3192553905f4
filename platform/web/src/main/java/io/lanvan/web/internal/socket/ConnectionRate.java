package io.lanvan.web.internal.socket;

import io.lanvan.api.policy.Policy;
import java.util.LinkedHashMap;
import java.util.Map;

/** WebSocket connections per minute per address, as the policy allows; bounded memory for many addresses. */
final class ConnectionRate {
    private static final int MAX_TRACKED = 10_000;

    private final Map<String, FrameRateLimiter> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FrameRateLimiter> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** Whether one more connection from this address is within the policy's rate; always true without a policy. */
    synchronized boolean admit(String address, Policy policy) {
        if (policy == null) {
            return true;
        }
        int perMinute = policy.connectionsPerMinute();
        return byAddress.computeIfAbsent(address + "/" + perMinute,
                key -> new FrameRateLimiter(perMinute / 60.0, perMinute, System::nanoTime)).tryAcquire();
    }
}
