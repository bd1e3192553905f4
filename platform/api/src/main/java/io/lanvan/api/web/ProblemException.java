package io.lanvan.api.web;

import java.util.Objects;

/**
 * An expected failure at the REST edge, answered as RFC 9457 {@code application/problem+json}.
 *
 * <p>Throw it from a resource with the HTTP status, a short title and a detail that names the
 * field or limit at fault. The platform logs it without a stack trace: it is a client's mistake or
 * a policy decision, not a server fault.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error (400-599), was " + status);
        }
        this.status = status;
        this.title = Objects.requireNonNull(title, "title");
    }

    /** A 400 whose detail names the invalid field. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    /** A 404 for a resource that does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
