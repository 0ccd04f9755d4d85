package dev.sessionshop.web.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * ({@code clustering} only) Keeps every response back until the request is over, so that Payara has
 * replicated the session before the client can send its next request.
 *
 * <p>Payara writes the session to the data grid in a valve ({@code HASessionStoreValve.postInvoke}) that
 * runs after the application's filters and servlets have returned. JAX-RS flushes and closes the response
 * before that, so the client had its whole answer while the grid still held the previous version, and
 * its next request, sent at once to another instance, was served that previous version and saved it back:
 * the benchmark's shoppers, one request at a time each, lost 12 to 13 carts of 16 that way. This filter
 * collects the body in a buffer of its own that starts small and grows with the page, ignores the
 * application's {@code flush()} and {@code close()}, and when the application has returned hands the
 * body to the container with a container buffer just larger than it. The container sends it when the
 * request ends, after the valve. A client then never sees an answer whose session change the grid does
 * not have yet, however large the page, and a response costs memory in proportion to its own size
 * (held, then in the container's buffer) rather than a fixed buffer large enough for any page. The shop
 * has no asynchronous request, which this would break.
 */
public class HoldReplyUntilReplicatedFilter extends ClusteringOnlyFilter {

    @Override
    protected void filterClustered(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HeldResponse held = new HeldResponse(response);
        chain.doFilter(request, held);
        held.handOver();
    }

    /** A response whose body waits in memory until {@link #handOver()}; flushes and closes wait too. */
    static final class HeldResponse extends HttpServletResponseWrapper {

        /**
         * Every JSON answer of the shop fits (the largest is under 3 KiB); a page grows it a few times
         * (the catalog is 11 KiB, a cart of every product 19 KiB: docs/03-session-clustering.md).
         */
        static final int INITIAL_BYTES = 4 * 1024;
        /** Room above the body, so that no container takes a body of exactly its buffer's size for a full buffer. */
        static final int HEADROOM_BYTES = 1024;

        private ByteArrayOutputStream bytes;
        private ServletOutputStream containerStream;
        private ServletOutputStream stream;
        private CharArrayWriter chars;
        private PrintWriter containerWriter;
        private PrintWriter writer;

        HeldResponse(HttpServletResponse response) {
            super(response);
        }

        /**
         * Gives the held body to the container: first a container buffer that holds all of it, then the
         * body, so that the container writes nothing to the client before the request ends.
         */
        void handOver() throws IOException {
            if (bytes != null && bytes.size() > 0) {
                reserve(bytes.size());
                bytes.writeTo(containerStream);
            }
            if (chars != null && chars.size() > 0) {
                String text = chars.toString();
                reserve(text.getBytes(charset()).length);
                containerWriter.write(text);
            }
        }

        private void reserve(int bodyBytes) {
            if (!isCommitted()) {
                super.setBufferSize(bodyBytes + HEADROOM_BYTES);
            }
        }

        private Charset charset() {
            String encoding = getCharacterEncoding();
            return encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                // The container's own: it refuses if the writer is in use; handOver writes the body to it.
                containerStream = super.getOutputStream();
                bytes = new ByteArrayOutputStream(INITIAL_BYTES);
                stream = new HeldStream(bytes, containerStream);
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                // The container's own writer: it fixes the character encoding, as getWriter must.
                containerWriter = super.getWriter();
                chars = new CharArrayWriter(INITIAL_BYTES);
                writer = new PrintWriter(new HeldWriter(chars));
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            // The container flushes when the request is over.
        }

        @Override
        public void setBufferSize(int size) {
            // The held body grows as it needs; handOver sizes the container's buffer to it.
        }

        @Override
        public void resetBuffer() {
            super.resetBuffer();
            forgetBody();
        }

        @Override
        public void reset() {
            super.reset();
            forgetBody();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            forgetBody();
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            forgetBody();
            super.sendError(status);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            forgetBody();
            super.sendRedirect(location);
        }

        private void forgetBody() {
            if (bytes != null) {
                bytes.reset();
            }
            if (chars != null) {
                chars.reset();
            }
        }
    }

    private static final class HeldStream extends ServletOutputStream {

        private final ByteArrayOutputStream body;
        private final ServletOutputStream container;

        HeldStream(ByteArrayOutputStream body, ServletOutputStream container) {
            this.body = body;
            this.container = container;
        }

        @Override
        public void write(int b) {
            body.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
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
            return container.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            container.setWriteListener(listener);
        }
    }

    private static final class HeldWriter extends Writer {

        private final CharArrayWriter body;

        HeldWriter(CharArrayWriter body) {
            this.body = body;
        }

        @Override
        public void write(char[] text, int offset, int length) {
            body.write(text, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            body.write(text, offset, length);
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
