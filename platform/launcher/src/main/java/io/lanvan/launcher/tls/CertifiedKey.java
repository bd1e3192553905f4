package io.lanvan.launcher.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key with its certificate chain, the key's own certificate first. */
record CertifiedKey(PrivateKey key, List<X509Certificate> chain) {

    CertifiedKey {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A certified key needs at least its own certificate");
        }
        chain = List.copyOf(chain);
    }

    X509Certificate certificate() {
        return chain.get(0);
    }

    /** Leaves the key out, so logging this record never leaks it. */
    @Override
    public String toString() {
        return "CertifiedKey[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
