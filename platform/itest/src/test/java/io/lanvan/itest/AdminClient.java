package io.lanvan.itest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** An admin's browser, reduced to what the API sees: the session cookie and the CSRF token. */
final class AdminClient {
    private static final Pattern COOKIE = Pattern.compile("(__Host-lanvan-admin=[^;]+)");
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\":\"([^\"]+)\"");

    private final HttpClient client;
    private final String base;
    String cookie;
    String csrf;

    AdminClient(SSLContext tls, String base) {
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
    }

    HttpResponse<String> signIn(String username, String password) throws Exception {
        HttpResponse<String> response = send("POST", "/api/admin/session",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", false);
        response.headers().firstValue("Set-Cookie").map(COOKIE::matcher).filter(Matcher::find)
                .ifPresent(matcher -> cookie = matcher.group(1));
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, false);
    }

    HttpResponse<String> call(String method, String path, String json) throws Exception {
        return send(method, path, json, true);
    }

    HttpResponse<String> callWithoutCsrf(String method, String path, String json) throws Exception {
        return send(method, path, json, false);
    }

    private HttpResponse<String> send(String method, String path, String json, boolean withCsrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (withCsrf && csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
