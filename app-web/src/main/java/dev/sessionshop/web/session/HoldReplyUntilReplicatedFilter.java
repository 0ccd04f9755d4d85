package dev.sessionshop.web.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * ({@code clustering} only) Keeps the end of every response in the container's buffer until the request
 * is over, so that Payara has replicated the session before the client can send its next request.
 *
 * <p>Payara writes the session to the data grid in a valve ({@code HASessionStoreValve.postInvoke}) that
 * runs after the application's filters and servlets have returned. JAX-RS flushes and closes the response
 * before that, so the client had its whole answer while the grid still held the previous version, and
 * its next request, sent at once to another instance, was served that previous version and saved it back:
 * the benchmark's shoppers, one request at a time each, lost 12 to 13 carts of 16 that way. This filter
 * gives the response a buffer larger than any page of the shop and ignores the application's
 * {@code flush()} and {@code close()}; the container sends the buffer when the request ends, after the
 * valve. A client then never sees an answer whose session change the grid does not have yet.
 */
public class HoldReplyUntilReplicatedFilter extends ClusteringOnlyFilter {

    /** Larger than any page or JSON answer of the shop; a bigger one (a picture) just goes out in parts. */
    static final int BUFFER_BYTES = 128 * 1024;

    @Override
    protected void filterClustered(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!response.isCommitted()) {
            response.setBufferSize(BUFFER_BYTES);
        }
        chain.doFilter(request, new HeldResponse(response));
    }

    /** A response whose flushes and closes wait for the container's own at the end of the request. */
    static final class HeldResponse extends HttpServletResponseWrapper {

        private ServletOutputStream stream;
        private PrintWriter writer;

        HeldResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // The container flushes when the request is over.
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new HeldStream(super.getOutputStream());
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new HeldWriter(super.getWriter()));
            }
            return writer;
        }
    }

    private static final class HeldStream extends ServletOutputStream {

        private final ServletOutputStream target;

        HeldStream(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // held: see the class comment
        }

        @Override
        public void close() {
            // held: the container closes the stream when the request is over
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }

    private static final class HeldWriter extends Writer {

        private final PrintWriter target;

        HeldWriter(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            target.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            target.write(text, offset, length);
        }

        @Override
        public void flush() {
            // held: see the class comment
        }

        @Override
        public void close() {
            // held: the container closes the writer when the request is over
        }
    }
}
