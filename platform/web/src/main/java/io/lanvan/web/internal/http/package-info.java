/** Plain servlets and filters: health, metrics, security headers, HTTPS redirect, CA certificate and error pages. */
package io.lanvan.web.internal.http;
