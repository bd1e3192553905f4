package io.lanvan.trust.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2DeviceTrustTest extends DeviceTrustContract {
    @TempDir
    Path folder;

    @Override
    TrustDatabase open() {
        return TrustDatabase.h2(folder);
    }
}
