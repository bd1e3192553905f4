package io.lanvan.signaling.internal;

import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/peers/discover}: the devices connected from the caller's network, for a device
 * before it connects. Answered only where any device may join (403 otherwise), since it tells a
 * caller known by nothing but its address what a connection would.
 */
@Component(service = PeersResource.class)
@RestResource
@Path("peers")
@Produces(MediaType.APPLICATION_JSON)
public final class PeersResource {
    private final Signaling signaling;

    @Activate
    public PeersResource(@Reference Signaling signaling) {
        this.signaling = signaling;
    }

    /** A device as discovery shows it: no identity key, no device id. */
    public record DiscoveredPeer(String peerId, String name, String platform) {}

    public record Discovery(List<DiscoveredPeer> peers) {}

    @GET
    @Path("discover")
    public Discovery discover(@Context HttpServletRequest request) throws UnknownHostException {
        InetAddress caller = InetAddress.getByName(request.getRemoteAddr());
        return new Discovery(signaling.networkPeersOf(caller).orElseThrow(() -> new ProblemException(403, "Forbidden",
                "Discovery is open only where any device may join: on this server devices need an administrator's "
                        + "approval, or this address is not allowed; connect to /ws with an approved device instead"))
                .stream().map(peer -> new DiscoveredPeer(peer.peerId(), peer.name(), peer.platform())).toList());
    }
}
