package io.lanvan.trust.internal;

class PostgresDeviceTrustTest extends DeviceTrustContract {
    @Override
    TrustDatabase open() {
        return TrustDatabase.postgres();
    }
}
