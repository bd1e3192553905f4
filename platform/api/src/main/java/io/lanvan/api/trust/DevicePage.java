package io.lanvan.api.trust;

import java.util.List;

/** One page of devices and how many match in all. */
public record DevicePage(List<TrustedDevice> devices, long total) {
    public DevicePage {
        devices = List.copyOf(devices);
    }
}
