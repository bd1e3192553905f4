/** Jersey at /api: the whiteboard of REST resources, problem+json mapping, request limits, system and OpenAPI resources. */
package io.lanvan.web.internal.rest;
