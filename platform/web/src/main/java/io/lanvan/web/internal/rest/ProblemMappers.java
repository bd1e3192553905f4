package io.lanvan.web.internal.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.lanvan.api.web.ProblemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure at the REST edge into problem+json. Expected failures are logged on one
 * line at most; only the unexpected ones carry a stack trace, once, with a reference the client sees.
 */
final class ProblemMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    static Object[] all() {
        return new Object[] {new Declared(), new Jaxrs(), new Json(), new Unexpected()};
    }

    /** A resource's own {@link ProblemException}: its status, title and detail as given. */
    static final class Declared implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return Problem.of(e.status(), e.title(), e.detail()).toResponse();
        }
    }

    /** Jersey's own answers (unknown route, wrong method, unsupported media type...). */
    static final class Jaxrs implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            Response.StatusType status = original.getStatusInfo();
            Response.ResponseBuilder answer = Response.fromResponse(
                    Problem.of(status.getStatusCode(), status.getReasonPhrase(), detailOf(e, status)).toResponse());
            original.getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    values.forEach(value -> answer.header(name, value));
                }
            });
            return answer.build();
        }

        private static String detailOf(WebApplicationException e, Response.StatusType status) {
            return switch (status.getStatusCode()) {
                case 404 -> "No resource at this path.";
                case 405 -> "This resource does not support that HTTP method; allowed: "
                        + String.join(", ", e.getResponse().getAllowedMethods()) + ".";
                case 406 -> "This resource cannot produce the media type the Accept header asks for.";
                case 415 -> "This resource does not accept that Content-Type; send application/json.";
                default -> e.getMessage() == null ? status.getReasonPhrase() : e.getMessage();
            };
        }
    }

    /** A body that is not the JSON the resource expects: say where and what, never a class name. */
    static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return Problem.of(400, "Malformed JSON", describe(e)).toResponse();
        }

        static String describe(JsonProcessingException e) {
            StringBuilder detail = new StringBuilder();
            if (e instanceof UnrecognizedPropertyException unknown) {
                detail.append("Unknown field '").append(unknown.getPropertyName()).append("'");
            } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                detail.append("Invalid value for field '").append(mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))).append("': ").append(e.getOriginalMessage());
            } else {
                detail.append(e.getOriginalMessage());
            }
            JsonLocation where = e.getLocation();
            if (where != null && where.getLineNr() > 0) {
                detail.append(" (line ").append(where.getLineNr()).append(", column ").append(where.getColumnNr()).append(')');
            }
            return detail.toString();
        }
    }

    /** Anything else is a server fault: logged once with its stack, answered with a reference only. */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            String reference = UUID.randomUUID().toString();
            LOG.error("Unexpected REST failure, reference {}", reference, e);
            return Problem.of(500, "Internal Server Error",
                    "The server failed to handle this request; reference " + reference + " in the server log.").toResponse();
        }
    }
}
