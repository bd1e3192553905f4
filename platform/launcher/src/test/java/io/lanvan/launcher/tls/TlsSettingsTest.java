package io.lanvan.launcher.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    @Test
    void nothingConfiguredMeansTheLocalCa() {
        assertTrue(TlsSettings.localCa().usesLocalCa());
        assertFalse(TlsSettings.pem(Path.of("a.crt"), Path.of("a.key")).usesLocalCa());
    }

    @Test
    void certificateWithoutKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(Optional.empty(), Optional.empty(),
                Optional.of(Path.of("server.crt")), Optional.empty()));
    }

    @Test
    void pkcs12AndPemTogetherAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(Optional.of(Path.of("server.p12")),
                Optional.empty(), Optional.of(Path.of("server.crt")), Optional.of(Path.of("server.key"))));
    }

    @Test
    void textFormHidesThePassword() {
        String text = TlsSettings.pkcs12(Path.of("server.p12"), Optional.of("hunter2")).toString();

        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("server.p12"), text);
    }
}
