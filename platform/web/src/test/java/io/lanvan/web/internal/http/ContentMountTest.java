package io.lanvan.web.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentMountTest {
    @Test
    void severalEntriesWithTheirRootsAreParsed() {
        assertEquals(List.of(new ContentMount("/admin", "static"), new ContentMount("/", "web/app")),
                ContentMount.parse("/admin;root=static, /;root=\"web/app\""));
    }

    @Test
    void theRootPathIsTheDefaultServletAndOthersCoverTheirSubtree() {
        assertArrayEquals(new String[] {"/"}, new ContentMount("/", "static").patterns());
        assertArrayEquals(new String[] {"/admin", "/admin/*"}, new ContentMount("/admin", "static").patterns());
    }

    @Test
    void anEntryWithoutRootIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContentMount.parse("/admin"));
        assertTrue(e.getMessage().contains("/admin"));
    }

    @Test
    void pathsAndRootsThatEscapeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ContentMount("admin", "static"));
        assertThrows(IllegalArgumentException.class, () -> new ContentMount("/admin/", "static"));
        assertThrows(IllegalArgumentException.class, () -> new ContentMount("/admin", "../etc"));
        assertThrows(IllegalArgumentException.class, () -> new ContentMount("/admin", "/static"));
    }

    @Test
    void theBundleItselfAndItsMetadataFoldersAreNoContentRoots() {
        for (String root : new String[] {".", "META-INF", "osgi-inf", "OSGI-OPT/src", "META-INF/maven"}) {
            assertThrows(IllegalArgumentException.class, () -> new ContentMount("/x", root), root);
        }
    }
}
