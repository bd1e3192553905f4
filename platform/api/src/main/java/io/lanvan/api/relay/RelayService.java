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
}
