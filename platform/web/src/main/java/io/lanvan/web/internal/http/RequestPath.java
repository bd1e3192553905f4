package io.lanvan.web.internal.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two spellings of a request's path, and the rule that keeps them from disagreeing. The raw
 * path ({@code getRequestURI()}) is what the client sent; the routed path (servlet path plus path
 * info) is what the container decoded, normalised and matched a servlet with. A decision taken on
 * the raw path while routing uses the other one is how {@code /api/admin;x/bundles} or
 * {@code /%61dmin/} reached the admin API past the address lists; so paths that decode into
 * something else than they read are refused before anything looks at them, and decisions use the
 * routed path.
 */
final class RequestPath {
    /**
     * Percent-encoded characters that never need encoding in a path (letters, digits, {@code -._~}),
     * that separate or climb segments ({@code / \ .}), the percent sign itself (double encoding), and
     * control characters: none appears in a path a browser or our clients produce.
     */
    private static final Pattern DISGUISED = Pattern.compile(
            "%(?:[46][1-9a-f]|[57][0-9a]|3[0-9b]|2[def5]|5[cf]|7e|[01][0-9a-f]|7f)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    private RequestPath() {
    }

    /** The path the container routed by: decoded, dot segments resolved, {@code ;parameters} dropped. */
    static String routed(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + info;
        return path.isEmpty() ? "/" : path;
    }

    /** The routed path in lower case, for rules that must not be dodged by changing case. */
    static String routedLowerCase(HttpServletRequest request) {
        return routed(request).toLowerCase(Locale.ROOT);
    }

    /** Why a raw path could be read two ways, or empty when it reads one way only. */
    static Optional<String> ambiguity(String rawPath) {
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("Path parameters (';') are not allowed in paths.");
        }
        if (rawPath.indexOf('\\') >= 0) {
            return Optional.of("Backslashes are not allowed in paths.");
        }
        if (rawPath.contains("//")) {
            return Optional.of("Empty path segments ('//') are not allowed.");
        }
        if (DOT_SEGMENT.matcher(rawPath).find()) {
            return Optional.of("Path segments '.' and '..' are not allowed.");
        }
        if (DISGUISED.matcher(rawPath).find()) {
            return Optional.of("Percent-encoded letters, digits, '/', '\\', '.', '%' and control characters are not "
                    + "allowed in paths; send them as they are.");
        }
        return Optional.empty();
    }
}
