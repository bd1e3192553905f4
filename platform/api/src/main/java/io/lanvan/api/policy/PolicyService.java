package io.lanvan.api.policy;

import org.osgi.annotation.versioning.ProviderType;

/** The policies in force, and the address checks they imply. Present while the policy capability runs. */
@ProviderType
public interface PolicyService {
    Policy current();

    /** Whether a client at this IP address may use LANVan (client allow and deny lists; deny wins). */
    boolean clientAllowed(String address);

    /** Whether the admin console and API may be used from this IP address (admin allow and deny lists). */
    boolean adminAllowed(String address);

    /**
     * Checks settings an admin wants to save (keys as in the {@code io.lanvan.policy} configuration,
     * unset keys keep their defaults) without applying them: each problem names its field; empty
     * when valid. Since 1.1.
     */
    java.util.List<String> validate(java.util.Map<String, Object> settings);
}
