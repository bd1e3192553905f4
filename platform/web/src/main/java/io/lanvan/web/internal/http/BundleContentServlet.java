package io.lanvan.web.internal.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import org.osgi.framework.Bundle;

/**
 * Serves one {@link ContentMount} from its bundle's files, with index.html for folders and ETags for
 * caching. Only files of the web types listed here are served: a jar, class or manifest that ends
 * up in a content folder stays inside the bundle.
 */
final class BundleContentServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=utf-8"), Map.entry("js", "text/javascript;charset=utf-8"),
            Map.entry("mjs", "text/javascript;charset=utf-8"), Map.entry("css", "text/css;charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("jpg", "image/jpeg"), Map.entry("webp", "image/webp"), Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain;charset=utf-8"), Map.entry("map", "application/json"));

    private final transient Bundle bundle;
    private final ContentMount mount;

    BundleContentServlet(Bundle bundle, ContentMount mount) {
        this.bundle = bundle;
        this.mount = mount;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String relative = relativePath(request);
        if (relative == null) {
            response.sendRedirect(mount.path() + "/");
            return;
        }
        if (relative.contains("..") || relative.contains("\\") || relative.contains("//")) {
            response.sendError(400, "Path segments '..', '\\' and empty segments are not allowed.");
            return;
        }
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative += "index.html";
        }
        String type = TYPES.get(extension(relative));
        URL entry = type == null ? null : bundle.getEntry(mount.root() + "/" + relative);
        if (entry == null) {
            response.sendError(404, "Nothing is served at this path.");
            return;
        }
        String etag = "\"" + Long.toHexString(bundle.getLastModified()) + "-" + Integer.toHexString(relative.hashCode()) + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "no-cache");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType(type);
        try (InputStream in = entry.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }

    /** The path below the mount; null when the mount itself is asked for without its trailing slash. */
    private String relativePath(HttpServletRequest request) {
        if (mount.path().equals("/")) {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            return path.startsWith("/") ? path.substring(1) : path;
        }
        String info = request.getPathInfo();
        if (info == null) {
            return request.getRequestURI().endsWith("/") ? "" : null;
        }
        return info.substring(1);
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
