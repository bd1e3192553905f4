package io.lanvan.web.internal.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.socket.SocketErrors;
import io.lanvan.api.socket.SocketMessage;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFrameWithTypeAndIdIsRead() throws Exception {
        SocketMessage message = Envelope.read(json, "{\"type\":\"presence.join\",\"id\":\"7\",\"name\":\"laptop\"}");
        assertEquals("presence.join", message.type());
        assertEquals("7", message.id());
        assertTrue(message.json().contains("laptop"));
    }

    @Test
    void theIdIsOptional() throws Exception {
        assertNull(Envelope.read(json, "{\"type\":\"ping\"}").id());
    }

    @Test
    void invalidJsonIsRejectedNamingThePosition() {
        Envelope.Rejected rejected = assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "{\"type\":"));
        assertEquals(SocketErrors.MALFORMED_JSON, rejected.code);
        assertTrue(rejected.getMessage().contains("line 1"), rejected.getMessage());
    }

    @Test
    void aFrameThatIsNotAnObjectIsRejected() {
        assertEquals(SocketErrors.INVALID_FRAME, assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "[1]")).code);
        assertEquals(SocketErrors.INVALID_FRAME, assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "42")).code);
    }

    @Test
    void aMissingOrNonStringTypeIsRejectedEchoingTheId() {
        Envelope.Rejected rejected = assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "{\"id\":\"a\",\"type\":3}"));
        assertEquals(SocketErrors.INVALID_FRAME, rejected.code);
        assertEquals("a", rejected.inReplyTo);
    }

    @Test
    void aTypeOutsideTheAllowedAlphabetIsRejected() {
        assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "{\"type\":\"Ping\"}"));
        assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "{\"type\":\"" + "a".repeat(65) + "\"}"));
        assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "{\"type\":\"a b\"}"));
    }

    @Test
    void anOverlongOrNonStringIdIsRejected() {
        assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "{\"type\":\"ping\",\"id\":\"" + "i".repeat(129) + "\"}"));
        assertThrows(Envelope.Rejected.class, () -> Envelope.read(json, "{\"type\":\"ping\",\"id\":{}}"));
    }
}
