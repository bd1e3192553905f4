/** The audit capability's private parts: the hash chain, its single writer with group commit, verification, export and retention. */
package io.lanvan.audit.internal;
