/** How a bundle contributes to the one HTTPS origin: REST resources under {@code /api} and errors as problem+json. */
@Version("1.0.0")
@Export
package io.lanvan.api.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
