package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code /api/admin/session}: sign in, who am I, change password, sign out. */
@Component(service = SessionResource.class)
@RestResource
@Path("admin/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final AdminAuth auth;
    /** Optional and dynamic: signing in works without the audit capability; changing a password does not. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public SessionResource(@Reference AdminAuth auth) {
        this.auth = auth;
    }

    public record Credentials(String username, String password) {}

    public record PasswordChange(String currentPassword, String newPassword) {}

    public record SessionView(String username, String csrfToken, boolean mustChangePassword) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(Credentials credentials, @Context HttpServletRequest request) {
        if (credentials == null || credentials.username() == null || !USERNAME.matcher(credentials.username()).matches()) {
            throw ProblemException.badRequest("Field 'username' must be 1-64 characters [A-Za-z0-9._-]");
        }
        if (credentials.password() == null || credentials.password().isEmpty() || credentials.password().length() > 256) {
            throw ProblemException.badRequest("Field 'password' must be 1-256 characters");
        }
        AdminAuth.SignIn result = auth.signIn(credentials.username(), credentials.password().toCharArray(), request.getRemoteAddr());
        if (result instanceof AdminAuth.Locked locked) {
            return tooMany(Duration.between(Instant.now(), locked.until()), "Too many wrong passwords from this address; "
                    + "sign-in from it is locked until " + DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC)
                    .format(locked.until().truncatedTo(ChronoUnit.SECONDS)) + " UTC.");
        }
        if (result instanceof AdminAuth.Busy busy) {
            return tooMany(busy.retryAfter(), "The server is busy checking other sign-ins; try again in a moment.");
        }
        if (!(result instanceof AdminAuth.SignedIn signedIn)) {
            throw new ProblemException(401, "Unauthorized", "Wrong user name or password.");
        }
        return Response.ok(new SessionView(credentials.username(), signedIn.csrfToken(), signedIn.mustChangePassword()))
                .header("Set-Cookie", AdminGate.COOKIE + "=" + signedIn.token() + "; Path=/; Secure; HttpOnly; SameSite=Strict")
                .build();
    }

    /** 429 as problem+json with Retry-After in whole seconds (at least 1). */
    private static Response tooMany(Duration retryAfter, String detail) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Too Many Requests");
        problem.put("status", 429);
        problem.put("detail", detail);
        return Response.status(429).type("application/problem+json").header("Retry-After", Long.toString(seconds))
                .entity(problem).build();
    }

    @GET
    public SessionView current(@Context HttpServletRequest request) {
        AdminSession session = (AdminSession) request.getAttribute(AdminGate.SESSION_ATTRIBUTE);
        return new SessionView(session.username(), session.csrfToken(), session.mustChangePassword());
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange change, @Context HttpServletRequest request) {
        if (change == null || change.currentPassword() == null || change.newPassword() == null) {
            throw ProblemException.badRequest("Fields 'currentPassword' and 'newPassword' are required");
        }
        AdminSession session = (AdminSession) request.getAttribute(AdminGate.SESSION_ATTRIBUTE);
        auth.changePassword((String) request.getAttribute(AdminGate.TOKEN_ATTRIBUTE), session.username(),
                change.currentPassword().toCharArray(), change.newPassword().toCharArray(),
                () -> Admins.recordFirst(audit, request, "admin.password.changed", session.username(), Map.of()))
                .ifPresent(problem -> {
                    throw ProblemException.badRequest(problem);
                });
        return Response.noContent().build();
    }

    @DELETE
    public Response signOut(@Context HttpServletRequest request) {
        AdminSession session = (AdminSession) request.getAttribute(AdminGate.SESSION_ATTRIBUTE);
        auth.signOut((String) request.getAttribute(AdminGate.TOKEN_ATTRIBUTE), session.username());
        return Response.noContent()
                .header("Set-Cookie", AdminGate.COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0").build();
    }
}
