/** The policy capability's private parts: its configuration, validation and address lists. */
package io.lanvan.policy.internal;
