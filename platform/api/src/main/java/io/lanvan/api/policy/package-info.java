/**
 * The deployment mode and policies every capability enforces, and how changes reach them.
 *
 * <p>2.1.0 added {@link io.lanvan.api.policy.Policy#DEFAULTS} and its named default values. 3.0.0 removed
 * the approved and revoked device lists and {@code Policy.admits}: the trust capability keeps them
 * ({@code io.lanvan.api.trust}).
 */
@Version("3.0.0")
@Export
package io.lanvan.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
