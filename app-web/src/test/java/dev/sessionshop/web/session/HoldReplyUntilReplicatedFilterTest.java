package dev.sessionshop.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the held response passes on to the container's response, and what it keeps back. */
class HoldReplyUntilReplicatedFilterTest {

    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringWriter chars = new StringWriter();

    @Test
    void bytesReachTheContainerButFlushAndCloseDoNot() throws IOException {
        HttpServletResponse held = new HoldReplyUntilReplicatedFilter.HeldResponse(container());

        ServletOutputStream out = held.getOutputStream();
        out.write("{\"lines\":[]}".getBytes(StandardCharsets.UTF_8));
        out.flush();
        out.close();
        held.flushBuffer();

        assertEquals("{\"lines\":[]}", bytes.toString(StandardCharsets.UTF_8));
        assertFalse(calls.contains("flush"), calls.toString());
        assertFalse(calls.contains("close"), calls.toString());
        assertFalse(calls.contains("flushBuffer"), calls.toString());
    }

    @Test
    void theWriterToo() throws IOException {
        HttpServletResponse held = new HoldReplyUntilReplicatedFilter.HeldResponse(container());

        PrintWriter writer = held.getWriter();
        writer.print("<p>cart</p>");
        writer.flush();
        writer.close();

        assertEquals("<p>cart</p>", chars.toString());
        assertFalse(calls.contains("writer.flush"), calls.toString());
        assertFalse(calls.contains("writer.close"), calls.toString());
    }

    /** The container's response: records flushes and closes, keeps what is written. */
    private HttpServletResponse container() {
        ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void flush() {
                calls.add("flush");
            }

            @Override
            public void close() {
                calls.add("close");
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        PrintWriter writer = new PrintWriter(chars) {
            @Override
            public void flush() {
                calls.add("writer.flush");
            }

            @Override
            public void close() {
                calls.add("writer.close");
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "getOutputStream" -> stream;
                        case "getWriter" -> writer;
                        default -> null;
                    };
                });
    }
}
