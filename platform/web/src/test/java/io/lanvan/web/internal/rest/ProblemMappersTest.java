package io.lanvan.web.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import io.lanvan.api.web.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** The REST edge's errors, through a real Jersey application (in memory, no servlet container). */
class ProblemMappersTest {
    private static final int LIMIT = 200;

    /** A resource that reads a JSON body, as any capability's resource would. */
    @Path("devices")
    public static final class DeviceResource {
        public record Rename(String name) {}

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Rename rename(Rename rename) {
            if (rename.name() == null || rename.name().isBlank()) {
                throw ProblemException.badRequest("Field 'name' must not be empty");
            }
            return rename;
        }

        @GET
        @Path("boom")
        public String boom() {
            throw new IllegalStateException("database on fire");
        }
    }

    private final ApplicationHandler jersey = new ApplicationHandler(new ResourceConfig()
            .register(new JacksonJsonProvider())
            .register(new RequestLimits(LIMIT))
            .registerInstances(ProblemMappers.all())
            .register(new DeviceResource()));

    @Test
    void malformedJsonIsA400NamingLineAndColumn() throws Exception {
        Problem problem = problemOf(post("{\"name\": }"), 400);
        assertEquals("Malformed JSON", problem.title());
        assertTrue(problem.detail().contains("line 1, column"), problem.detail());
    }

    @Test
    void anUnknownFieldIsA400NamingTheField() throws Exception {
        Problem problem = problemOf(post("{\"name\":\"laptop\",\"colour\":\"red\"}"), 400);
        assertTrue(problem.detail().startsWith("Unknown field 'colour'"), problem.detail());
    }

    @Test
    void aWrongTypeIsA400NamingTheField() throws Exception {
        Problem problem = problemOf(post("{\"name\":[1,2]}"), 400);
        assertTrue(problem.detail().startsWith("Invalid value for field 'name'"), problem.detail());
    }

    @Test
    void aDeclaredProblemKeepsItsStatusAndDetail() throws Exception {
        Problem problem = problemOf(post("{\"name\":\" \"}"), 400);
        assertEquals("Field 'name' must not be empty", problem.detail());
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedWith413() throws Exception {
        ContainerRequest request = request("POST", "/devices", "{\"name\":\"x\"}");
        request.getHeaders().putSingle("Content-Length", Integer.toString(LIMIT + 1));
        Problem problem = problemOf(jersey.apply(request).get(), 413);
        assertTrue(problem.detail().contains("limit of " + LIMIT + " bytes"), problem.detail());
    }

    @Test
    void aStreamedBodyGrowingPastTheLimitIsRefusedWith413() throws Exception {
        Problem problem = problemOf(post("{\"name\":\"" + "x".repeat(LIMIT) + "\"}"), 413);
        assertEquals("Content Too Large", problem.title());
    }

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        Problem problem = problemOf(jersey.apply(request("GET", "/nothing-here", null)).get(), 404);
        assertEquals("Not Found", problem.title());
    }

    @Test
    void aWrongMethodIsA405ListingTheAllowedOnes() throws Exception {
        Problem problem = problemOf(jersey.apply(request("DELETE", "/devices", null)).get(), 405);
        assertTrue(problem.detail().contains("POST"), problem.detail());
    }

    @Test
    void anUnexpectedFailureIsA500WithAReferenceAndNoInternals() throws Exception {
        Problem problem = problemOf(jersey.apply(request("GET", "/devices/boom", null)).get(), 500);
        assertTrue(problem.detail().contains("reference "), problem.detail());
        assertTrue(!problem.detail().contains("database on fire"), problem.detail());
    }

    @Test
    void aValidBodyStillWorks() throws Exception {
        ContainerResponse response = post("{\"name\":\"laptop\"}");
        assertEquals(200, response.getStatus());
        assertEquals(new DeviceResource.Rename("laptop"), response.getEntity());
    }

    private ContainerResponse post(String body) throws Exception {
        return jersey.apply(request("POST", "/devices", body)).get();
    }

    private static ContainerRequest request(String method, String path, String body) {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + path),
                method, null, new MapPropertiesDelegate(), null);
        if (body != null) {
            request.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
            request.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static Problem problemOf(ContainerResponse response, int status) {
        assertEquals(status, response.getStatus(), () -> "entity: " + response.getEntity());
        assertEquals(Problem.MEDIA, response.getMediaType());
        return (Problem) response.getEntity();
    }
}
