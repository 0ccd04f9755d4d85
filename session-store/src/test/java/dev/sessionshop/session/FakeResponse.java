package dev.sessionshop.session;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * A response that commits the way a container's does (redirect, error, flush, full buffer) and tells
 * the test the moment it commits, so a test can look at Redis at exactly that point.
 */
public abstract class FakeResponse implements HttpServletResponse {

    public final List<Map.Entry<String, String>> headers = new ArrayList<>();
    public final StringWriter body = new StringWriter();
    public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    public int status = 200;
    public String redirect;
    public String contentType;
    public boolean committed;
    public int bufferSize = 8192;
    public Runnable onCommit = () -> { };
    private PrintWriter writer;
    private ServletOutputStream stream;

    public static FakeResponse create() {
        return mock(FakeResponse.class, withSettings().useConstructor().defaultAnswer(CALLS_REAL_METHODS));
    }

    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    private void commit() {
        if (!committed) {
            committed = true;
            onCommit.run();
        }
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public void sendRedirect(String location) {
        checkNotCommitted();
        status = 302;
        redirect = location;
        commit();
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) {
        checkNotCommitted();
        status = sc;
        commit();
    }

    @Override
    public void flushBuffer() {
        commit();
    }

    @Override
    public void reset() {
        checkNotCommitted();
        headers.clear();
        body.getBuffer().setLength(0);
        bytes.reset();
        status = 200;
        contentType = null;
        writer = null;
        stream = null;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void addHeader(String name, String value) {
        if (!committed) {
            headers.add(Map.entry(name, value));
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (!committed) {
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            headers.add(Map.entry(name, value));
        }
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void setContentType(String type) {
        contentType = type;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setCharacterEncoding(String charset) {
    }

    @Override
    public int getBufferSize() {
        return bufferSize;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new Writer() {
                @Override
                public void write(char[] cbuf, int off, int len) {
                    if (body.getBuffer().length() + len > bufferSize) {
                        commit();
                    }
                    body.write(cbuf, off, len);
                }

                @Override
                public void flush() {
                    commit();
                }

                @Override
                public void close() {
                    commit();
                }
            });
        }
        return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    if (bytes.size() + 1 > bufferSize) {
                        commit();
                    }
                    bytes.write(b);
                }

                @Override
                public void flush() {
                    commit();
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
        }
        return stream;
    }

    private void checkNotCommitted() {
        if (committed) {
            throw new IllegalStateException("response already committed");
        }
    }
}
