package io.lanvan.web.internal.http;

import io.lanvan.api.web.WebContent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One entry of the {@link WebContent#HEADER} header: a path of the origin and the bundle folder behind it. */
record ContentMount(String path, String root) {
    private static final Pattern PATH = Pattern.compile("/|(/[A-Za-z0-9._-]+)+");
    private static final Pattern ROOT = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    /** Folders that hold the bundle's own metadata, never web content. */
    private static final Pattern BUNDLE_METADATA = Pattern.compile("(?i)(META-INF|OSGI-INF|OSGI-OPT)(/.*)?");

    ContentMount {
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("Web content path must look like /name, was '" + path + "'");
        }
        if (!ROOT.matcher(root).matches() || root.contains("..") || root.equals(".")
                || BUNDLE_METADATA.matcher(root).matches()) {
            throw new IllegalArgumentException("Web content root must be a bundle folder like static, was '" + root + "'");
        }
    }

    /** Parses {@code /admin;root=static, /other;root=web}. */
    static List<ContentMount> parse(String header) {
        List<ContentMount> mounts = new ArrayList<>();
        for (String entry : header.split(",")) {
            String[] parts = entry.trim().split(";");
            String root = null;
            for (int i = 1; i < parts.length; i++) {
                String[] attribute = parts[i].trim().split("=", 2);
                if (attribute.length == 2 && attribute[0].trim().equals(WebContent.ROOT_ATTRIBUTE)) {
                    root = attribute[1].trim().replace("\"", "");
                }
            }
            if (root == null) {
                throw new IllegalArgumentException("Web content entry '" + entry.trim() + "' lacks root=<folder>");
            }
            mounts.add(new ContentMount(parts[0].trim(), root));
        }
        return mounts;
    }

    /** The whiteboard patterns: "/" is the default servlet, anything else its path and everything below. */
    String[] patterns() {
        return path.equals("/") ? new String[] {"/"} : new String[] {path, path + "/*"};
    }
}
