package io.lanvan.web.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.web.internal.rest.Problem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a {@link Problem} from plain servlets and filters, the same shape Jersey's mappers produce. */
final class ProblemWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        JSON.writeValue(response.getOutputStream(), Problem.of(status, title, detail));
    }
}
