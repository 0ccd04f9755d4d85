package dev.sessionshop.session;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Runs a callback just before the response can be committed, so the session is in the store before the
 * browser sees the answer (otherwise a fast client's next request, on another node, may read the old
 * session). The triggers are the ones that commit a response: sendRedirect, sendError, flushBuffer,
 * a flush or close of the body stream or writer, and writing past the declared content length or the
 * buffer size. A small cousin of Spring Session's {@code OnCommittedResponseWrapper}.
 *
 * <p>The callback runs each time a trigger fires; it is cheap when the session has no new changes.
 */
final class SaveBeforeCommitResponse extends HttpServletResponseWrapper {

    /**
     * Characters written through the writer are counted as this many bytes: worst case for UTF-8.
     * Over-counting only saves a little early; under-counting could let the container commit first.
     */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private final Runnable beforeCommit;
    private long contentLength = -1;
    private long written;
    private ServletOutputStream stream;
    private PrintWriter writer;

    SaveBeforeCommitResponse(HttpServletResponse response, Runnable beforeCommit) {
        super(response);
        this.beforeCommit = beforeCommit;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit.run();
        super.sendRedirect(location);
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit.run();
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit.run();
        super.sendError(sc, msg);
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit.run();
        super.flushBuffer();
    }

    @Override
    public void setContentLength(int len) {
        contentLength = len;
        super.setContentLength(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        contentLength = len;
        super.setContentLengthLong(len);
    }

    @Override
    public void setHeader(String name, String value) {
        trackContentLength(name, value);
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        trackContentLength(name, value);
        super.addHeader(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        trackContentLength(name, Integer.toString(value));
        super.setIntHeader(name, value);
    }

    @Override
    public void addIntHeader(String name, int value) {
        trackContentLength(name, Integer.toString(value));
        super.addIntHeader(name, value);
    }

    @Override
    public void reset() {
        contentLength = -1;
        super.reset();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new SavingOutputStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new SavingWriter(super.getWriter()));
        }
        return writer;
    }

    private void trackContentLength(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            try {
                contentLength = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                contentLength = -1;
            }
        }
    }

    /** Called before {@code bytes} more bytes go to the container: save if they may commit the response. */
    private void aboutToWrite(long bytes) {
        written += bytes;
        int bufferSize = getBufferSize();
        boolean bodyComplete = contentLength >= 0 && written >= contentLength;
        boolean bufferFull = bufferSize > 0 && written >= bufferSize;
        if (bodyComplete || bufferFull) {
            beforeCommit.run();
        }
    }

    private final class SavingOutputStream extends ServletOutputStream {

        private final ServletOutputStream delegate;

        SavingOutputStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            aboutToWrite(1);
            delegate.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            aboutToWrite(len);
            delegate.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            beforeCommit.run();
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            beforeCommit.run();
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }

    private final class SavingWriter extends Writer {

        private final PrintWriter delegate;

        SavingWriter(PrintWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            aboutToWrite((long) len * MAX_BYTES_PER_CHAR);
            delegate.write(chars, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            aboutToWrite((long) len * MAX_BYTES_PER_CHAR);
            delegate.write(s, off, len);
        }

        @Override
        public void write(int c) {
            aboutToWrite(MAX_BYTES_PER_CHAR);
            delegate.write(c);
        }

        @Override
        public void flush() {
            beforeCommit.run();
            delegate.flush();
        }

        @Override
        public void close() {
            beforeCommit.run();
            delegate.close();
        }
    }
}
