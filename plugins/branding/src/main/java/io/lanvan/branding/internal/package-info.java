/** The branding plugin's private parts: its configuration, the /api/branding resource and the logo servlet. */
package io.lanvan.branding.internal;
