package io.lanvan.admin.internal;

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
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/admin/session}: sign in, who am I, change password, sign out. */
@Component(service = SessionResource.class)
@RestResource
@Path("admin/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final AdminAuth auth;

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
            throw new ProblemException(429, "Too Many Requests", "Too many wrong passwords; sign-in is locked until "
                    + DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(locked.until()) + " UTC.");
        }
        if (!(result instanceof AdminAuth.SignedIn signedIn)) {
            throw new ProblemException(401, "Unauthorized", "Wrong user name or password.");
        }
        return Response.ok(new SessionView(credentials.username(), signedIn.csrfToken(), signedIn.mustChangePassword()))
                .header("Set-Cookie", AdminGate.COOKIE + "=" + signedIn.token() + "; Path=/; Secure; HttpOnly; SameSite=Strict")
                .build();
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
                change.currentPassword().toCharArray(), change.newPassword().toCharArray())
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
