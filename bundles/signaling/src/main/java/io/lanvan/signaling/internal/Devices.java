package io.lanvan.signaling.internal;

import io.lanvan.api.devices.ConnectedDevice;
import io.lanvan.api.devices.DeviceDirectory;
import io.lanvan.api.devices.TransferStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The devices signaling knows, for the admin console: one entry per device however many tabs it has open. */
@Component(service = DeviceDirectory.class)
public final class Devices implements DeviceDirectory {
    private final Signaling signaling;

    @Activate
    public Devices(@Reference Signaling signaling) {
        this.signaling = signaling;
    }

    @Override
    public List<ConnectedDevice> devices() {
        Map<String, ConnectedDevice> byDevice = new LinkedHashMap<>();
        for (Peer peer : signaling.connectedPeers()) {
            byDevice.putIfAbsent(peer.deviceId(), new ConnectedDevice(peer.deviceId(), peer.name(), peer.platform(),
                    peer.session().remoteAddress(), peer.connectedAt(), ConnectedDevice.Status.CONNECTED));
        }
        List<ConnectedDevice> all = new ArrayList<>(byDevice.values());
        all.addAll(signaling.awaitingApproval());
        return all;
    }

    @Override
    public int disconnect(String deviceId, String reason) {
        return signaling.disconnect(deviceId, reason);
    }

    @Override
    public TransferStats stats() {
        TransferCounters counters = signaling.counters();
        long connected = signaling.connectedPeers().stream().map(Peer::deviceId).distinct().count();
        return new TransferStats((int) connected, signaling.openTransfers(), counters.completed.get(), counters.failed.get(),
                counters.cancelled.get(), counters.bytesDirect.get(), counters.bytesRelay.get());
    }
}
