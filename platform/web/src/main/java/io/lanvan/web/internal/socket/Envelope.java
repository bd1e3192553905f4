package io.lanvan.web.internal.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.socket.SocketErrors;
import io.lanvan.api.socket.SocketMessage;
import java.util.regex.Pattern;

/** Reads the envelope every text frame shares: a JSON object with a {@code type} and an optional {@code id}. */
final class Envelope {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9.-]{0,63}");
    private static final int MAX_ID_LENGTH = 128;

    private Envelope() {
    }

    /** A frame that failed the envelope checks: the error code and a message naming the problem. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;
        final String inReplyTo;

        Rejected(String code, String message, String inReplyTo) {
            super(message, null, false, false);
            this.code = code;
            this.inReplyTo = inReplyTo;
        }
    }

    static SocketMessage read(ObjectMapper json, String frame) throws Rejected {
        JsonNode root;
        try {
            root = json.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new Rejected(SocketErrors.MALFORMED_JSON, "Frame is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", null);
        }
        if (root == null || !root.isObject()) {
            throw new Rejected(SocketErrors.INVALID_FRAME, "Frame must be a JSON object with a string field 'type'", null);
        }
        JsonNode idNode = root.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual() || idNode.textValue().length() > MAX_ID_LENGTH) {
                throw new Rejected(SocketErrors.INVALID_FRAME, "Field 'id' must be a string of at most "
                        + MAX_ID_LENGTH + " characters", null);
            }
            id = idNode.textValue();
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new Rejected(SocketErrors.INVALID_FRAME, "Frame must have a string field 'type'", id);
        }
        if (!TYPE.matcher(type.textValue()).matches()) {
            throw new Rejected(SocketErrors.INVALID_FRAME, "Field 'type' must match " + TYPE.pattern(), id);
        }
        return new SocketMessage(type.textValue(), id, frame);
    }
}
