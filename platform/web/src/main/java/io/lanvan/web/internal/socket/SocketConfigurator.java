package io.lanvan.web.internal.socket;

import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Hands Jetty the endpoint object made for this upgrade. Every method is answered here: the
 * base class would otherwise look up the container's default configurator with ServiceLoader,
 * which the jakarta.websocket API bundle cannot do inside OSGi ("Cannot load platform configurator").
 */
final class SocketConfigurator extends ServerEndpointConfig.Configurator {
    private final Endpoint connection;

    SocketConfigurator(Endpoint connection) {
        this.connection = connection;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> type) {
        return type.cast(connection);
    }

    /** The servlet checked the Origin before upgrading. */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return "";
    }

    /** No permessage-deflate: frames are small JSON, and encrypted payloads do not compress. */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return List.of();
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        // nothing to add to the handshake
    }
}
