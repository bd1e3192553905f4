package io.lanvan.api.web;

/**
 * How a bundle serves static files (a web app, images) at a path of the origin, with no code:
 * a manifest header the platform reads while the bundle is active.
 *
 * <pre>
 * LANVan-Web-Content: /admin;root=static
 * </pre>
 *
 * serves the bundle's {@code static/} folder at {@code /admin/}, with {@code index.html} for
 * folders. Several entries are separated by commas. When the bundle stops, its paths answer 404.
 */
public final class WebContent {
    /** The manifest header naming the paths a bundle serves. */
    public static final String HEADER = "LANVan-Web-Content";
    /** The attribute naming the bundle folder served at a path. */
    public static final String ROOT_ATTRIBUTE = "root";

    private WebContent() {
    }
}
