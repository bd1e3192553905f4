package io.lanvan.web.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The bundle, request and response are stand-ins: the servlet's choice of what to serve is under test. */
class BundleContentServletTest {
    @TempDir
    Path folder;

    @Test
    void onlyWebFileTypesAreServedEvenWhenTheFolderHoldsOthers() throws Exception {
        Map<String, URL> entries = Map.of(
                "static/app.js", file("app.js"), "static/lib/engine.jar", file("engine.jar"),
                "static/Main.class", file("Main.class"), "static/notes", file("notes"));
        BundleContentServlet servlet = new BundleContentServlet(bundle(entries), new ContentMount("/app", "static"));
        assertEquals(200, statusOf(servlet, "/app.js"));
        assertEquals(404, statusOf(servlet, "/lib/engine.jar"));
        assertEquals(404, statusOf(servlet, "/Main.class"));
        assertEquals(404, statusOf(servlet, "/notes"));
    }

    private URL file(String name) throws Exception {
        Path file = Files.writeString(folder.resolve(name), "content of " + name);
        return file.toUri().toURL();
    }

    private static Bundle bundle(Map<String, URL> entries) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getEntry" -> entries.get((String) args[0]);
                    case "getLastModified" -> 1L;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static int statusOf(BundleContentServlet servlet, String pathInfo) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPathInfo" -> pathInfo;
                    case "getRequestURI" -> "/app" + pathInfo;
                    case "getHeader" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        AtomicInteger status = new AtomicInteger(200);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendError", "setStatus" -> {
                        status.set((Integer) args[0]);
                        yield null;
                    }
                    case "setHeader", "setContentType" -> null;
                    case "getOutputStream" -> new jakarta.servlet.ServletOutputStream() {
                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setWriteListener(jakarta.servlet.WriteListener listener) {
                        }

                        @Override
                        public void write(int b) {
                        }
                    };
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        servlet.doGet(request, response);
        return status.get();
    }
}
