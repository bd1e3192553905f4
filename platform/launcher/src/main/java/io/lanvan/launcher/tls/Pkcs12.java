package io.lanvan.launcher.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads and writes PKCS#12 key stores with the JDK's own implementation, the one Jetty will read them with. */
final class Pkcs12 {

    static final String TYPE = "PKCS12";

    private Pkcs12() {
    }

    static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    /** A store with one key entry under {@code alias}, its key locked with the store's password. */
    static byte[] encode(String alias, CertifiedKey entry, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        store.load(null, null);
        store.setKeyEntry(alias, entry.key(), password, entry.chain().toArray(new Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }

    /** The entry under {@code alias}, when it holds a private key. */
    static Optional<CertifiedKey> keyEntry(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
        if (!store.isKeyEntry(alias) || !(store.getKey(alias, password) instanceof PrivateKey key)) {
            return Optional.empty();
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) certificate);
        }
        return Optional.of(new CertifiedKey(key, chain));
    }

    /** The first entry holding a private key: a server's store normally has just one. */
    static Optional<CertifiedKey> firstKeyEntry(KeyStore store, char[] password) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            Optional<CertifiedKey> entry = keyEntry(store, alias, password);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }
}
