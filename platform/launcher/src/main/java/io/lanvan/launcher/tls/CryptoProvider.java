package io.lanvan.launcher.tls;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider, handed to BouncyCastle builders one by one rather than registered
 * JVM-wide, so it never changes which provider the JDK picks for Jetty or the bundles.
 */
final class CryptoProvider {

    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private CryptoProvider() {
    }
}
