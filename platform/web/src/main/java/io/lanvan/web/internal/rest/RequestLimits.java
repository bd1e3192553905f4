package io.lanvan.web.internal.rest;

import io.lanvan.api.web.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over the configured size with 413: early when Content-Length says so,
 * and while reading when a chunked body grows past the limit, so no body is ever buffered whole.
 */
@PreMatching
final class RequestLimits implements ContainerRequestFilter, ReaderInterceptor {
    private static final long DRAIN_FACTOR = 4;
    private final long maxBytes;

    RequestLimits(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        int declared = request.getLength();
        if (declared > maxBytes) {
            // Read a modestly oversized body before answering: closing the connection while the
            // client is still uploading makes it see a reset instead of the 413. Huge ones are cut.
            if (declared <= DRAIN_FACTOR * maxBytes) {
                request.getEntityStream().transferTo(java.io.OutputStream.nullOutputStream());
            }
            throw tooLarge();
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream()));
        return context.proceed();
    }

    private ProblemException tooLarge() {
        return new ProblemException(413, "Content Too Large", "Request body exceeds the limit of " + maxBytes + " bytes.");
    }

    private final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge();
            }
        }
    }
}
