package io.lanvan.api.devices;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The devices signaling knows, for the admin console. Present while the signaling capability runs. */
@ProviderType
public interface DeviceDirectory {
    /** Connected devices (one entry per device, however many tabs), then those awaiting approval. */
    List<ConnectedDevice> devices();

    /** Closes every connection of the device, with a reason it is shown; returns how many were closed. */
    int disconnect(String deviceId, String reason);

    TransferStats stats();
}
