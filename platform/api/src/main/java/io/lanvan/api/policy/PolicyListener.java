package io.lanvan.api.policy;

import org.osgi.annotation.versioning.ConsumerType;

/** A whiteboard service told, within a second, whenever the mode or a policy changes (and once when it registers). */
@ConsumerType
public interface PolicyListener {
    void policyChanged(Policy policy);
}
