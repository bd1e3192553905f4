package io.lanvan.api.relay;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Admits the two sides of one transfer to the WebSocket relay. Present only while the relay capability runs. */
@ProviderType
public interface RelayService {
    /**
     * One ticket for each side of the transfer; each admits one connection, for a limited time.
     * Empty when the relay is at its limit of concurrent transfers.
     */
    Optional<RelayTickets> admit(String transferId, String offererPeerId, String receiverPeerId);

    /**
     * The transfer ended (finished, cancelled, or a party left): its unused tickets are void and its
     * relay connections are closed, so its slot is free at once. Unknown ids are ignored. Since 1.1.
     */
    void release(String transferId);
}
