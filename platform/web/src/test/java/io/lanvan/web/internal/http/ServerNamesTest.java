package io.lanvan.web.internal.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
    private final ServerNames names = new ServerNames(Set.of("lanvan.corp.example", "localhost", "10.0.0.5", "fd00::5"));

    @Test
    void theCertificatesNamesAreOwnedWhateverTheirSpelling() {
        assertTrue(names.owns("LANVan.corp.example"));
        assertTrue(names.owns("lanvan.corp.example."));
        assertTrue(names.owns("10.0.0.5"));
        assertTrue(names.owns("[fd00::5]"));
        assertTrue(names.owns("fd00:0:0:0:0:0:0:5"));
    }

    @Test
    void otherNamesAreNot() {
        for (String host : new String[] {"evil.example", "lanvan.corp.example.evil.example", "10.0.0.6", "", "[fd00::6]",
                "localhost@evil.example"}) {
            assertFalse(names.owns(host), host);
        }
        assertFalse(names.owns(null));
    }
}
