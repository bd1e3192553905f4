package io.lanvan.signaling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The rules of a {@code transfer.offer}: file list, sizes, route and key share. */
final class Offers {
    static final Set<String> ROUTES = Set.of("auto", "direct", "relay");
    static final int MAX_FILES = 10_000;
    private static final java.util.regex.Pattern BASE64URL = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,256}");

    record Checked(long totalBytes, int files, String route) {}

    private Offers() {
    }

    static Checked check(JsonNode offer) throws InvalidField {
        String route = Fields.oneOf(offer, "route", ROUTES);
        JsonNode files = offer.get("files");
        if (files == null || !files.isArray() || files.isEmpty() || files.size() > MAX_FILES) {
            throw new InvalidField("Field 'files' must be a list of 1-" + MAX_FILES + " files");
        }
        long sum = 0;
        for (int i = 0; i < files.size(); i++) {
            JsonNode file = files.get(i);
            if (!file.isObject()) {
                throw new InvalidField("Field 'files[" + i + "]' must be an object");
            }
            checkName(Fields.text(file, "name", 1024), i);
            try {
                sum = Math.addExact(sum, Fields.nonNegative(file, "size"));
            } catch (ArithmeticException overflow) {
                throw new InvalidField("Field 'files' must have sizes that add up to at most " + Long.MAX_VALUE + " bytes");
            }
            Fields.optionalText(file, "type", 255);
        }
        if (Fields.nonNegative(offer, "totalBytes") != sum) {
            throw new InvalidField("Field 'totalBytes' must equal the sum of the file sizes (" + sum + ")");
        }
        checkKeyShare(offer);
        return new Checked(sum, files.size(), route);
    }

    static void checkKeyShare(JsonNode message) throws InvalidField {
        JsonNode keyShare = Fields.object(message, "keyShare");
        for (String field : new String[] {"publicKey", "signature"}) {
            String value = Fields.text(keyShare, field, 256);
            if (!BASE64URL.matcher(value).matches()) {
                throw new InvalidField("Field 'keyShare." + field + "' must be base64url, 16-256 characters");
            }
        }
    }

    private static void checkName(String name, int index) throws InvalidField {
        String field = "files[" + index + "].name";
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\u0000")) {
            throw new InvalidField("Field '" + field + "' must be a relative path with / separators");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
                throw new InvalidField("Field '" + field + "' must not have empty, '.' or '..' segments");
            }
        }
    }
}
