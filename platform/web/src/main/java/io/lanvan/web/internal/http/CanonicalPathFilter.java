package io.lanvan.web.internal.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * A path that the container would decode into another path than it reads (see
 * {@link RequestPath#ambiguity}) is answered 400 before the address lists, the redirect or a
 * servlet sees it, so all of them judge the same path.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=108")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("lanvan-canonical-path")
public final class CanonicalPathFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> ambiguity = RequestPath.ambiguity(((HttpServletRequest) request).getRequestURI());
        if (ambiguity.isPresent()) {
            ProblemWriter.write((HttpServletResponse) response, 400, "Bad Request", ambiguity.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
