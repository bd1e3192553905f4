/** The trust capability's implementation: its schema's mappings, the store, the reputation score and the policy import. */
package io.lanvan.trust.internal;
