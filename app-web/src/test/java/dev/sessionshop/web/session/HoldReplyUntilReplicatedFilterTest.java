package dev.sessionshop.web.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the held response passes on to the container's response, when, and what it keeps back. */
class HoldReplyUntilReplicatedFilterTest {

    /** More than the 128 KiB container buffer the filter used to reserve for every response. */
    private static final int LARGE_PAGE_BYTES = 300 * 1024;

    private final Container container = new Container();

    @Test
    void bytesReachTheContainerButFlushAndCloseDoNot() throws IOException {
        HoldReplyUntilReplicatedFilter.HeldResponse held = held();

        ServletOutputStream out = held.getOutputStream();
        out.write("{\"lines\":[]}".getBytes(StandardCharsets.UTF_8));
        out.flush();
        out.close();
        held.flushBuffer();
        held.handOver();

        assertEquals("{\"lines\":[]}", container.received().toString(StandardCharsets.UTF_8));
        assertFalse(container.calls.contains("flush"), container.calls.toString());
        assertFalse(container.calls.contains("close"), container.calls.toString());
        assertFalse(container.calls.contains("flushBuffer"), container.calls.toString());
    }

    @Test
    void theWriterToo() throws IOException {
        HoldReplyUntilReplicatedFilter.HeldResponse held = held();

        PrintWriter writer = held.getWriter();
        writer.print("<p>cart</p>");
        writer.flush();
        writer.close();
        held.handOver();

        assertEquals("<p>cart</p>", container.received().toString(StandardCharsets.ISO_8859_1));
        assertFalse(container.calls.contains("writer.flush"), container.calls.toString());
        assertFalse(container.calls.contains("writer.close"), container.calls.toString());
    }

    @Test
    void aLargePageLeavesNothingBeforeTheRequestEndsThoughTheApplicationFlushes() throws Exception {
        byte[] page = "<li>kettle</li>\n".repeat(LARGE_PAGE_BYTES / 16).getBytes(StandardCharsets.UTF_8);

        filterWith(inChunksOf4KiB(page.length, (response, from, to) -> {
            ServletOutputStream out = response.getOutputStream();
            out.write(page, from, to - from);
            out.flush(); // as JAX-RS does
        }));

        // The filter has returned: Payara's valve writes the session to the grid now, and only then
        assertEquals(0, container.sent.size(), "bytes sent to the client before the request ended");
        container.endRequest();
        assertArrayEquals(page, container.sent.toByteArray());
    }

    @Test
    void aLargePageOfCharactersOfSeveralBytesEachToo() throws Exception {
        container.characterEncoding = "UTF-8";
        String page = "<li>Crème brûlée pan, 12 €</li>\n".repeat(LARGE_PAGE_BYTES / 32);

        filterWith(inChunksOf4KiB(page.length(), (response, from, to) -> {
            PrintWriter writer = response.getWriter();
            writer.write(page, from, to - from);
            writer.flush(); // as a JSP's buffer does when it is full
        }));

        assertEquals(0, container.sent.size(), "bytes sent to the client before the request ended");
        container.endRequest();
        assertEquals(page, container.sent.toString(StandardCharsets.UTF_8));
    }

    private HoldReplyUntilReplicatedFilter.HeldResponse held() {
        return new HoldReplyUntilReplicatedFilter.HeldResponse(container.response());
    }

    private void filterWith(FilterChain application) throws Exception {
        new HoldReplyUntilReplicatedFilter().filterClustered(null, container.response(), application);
    }

    private interface Chunk {
        void write(HttpServletResponse response, int from, int to) throws IOException;
    }

    private static FilterChain inChunksOf4KiB(int length, Chunk chunk) {
        return (request, response) -> {
            for (int from = 0; from < length; from += 4096) {
                chunk.write((HttpServletResponse) response, from, Math.min(length, from + 4096));
            }
        };
    }

    /**
     * The container's response as Payara's (Grizzly's) behaves: a buffer of 8 KiB unless set larger before
     * the first byte; whatever does not fit, and every flush, goes to the client.
     */
    private static final class Container {

        final List<String> calls = new ArrayList<>();
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        private int written;
        private int bufferSize = 8 * 1024;
        String characterEncoding = "ISO-8859-1";
        private PrintWriter writer;

        /** Everything the response got, sent or not. */
        ByteArrayOutputStream received() throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            sent.writeTo(all);
            buffered.writeTo(all);
            return all;
        }

        void endRequest() {
            if (writer != null) {
                writer.flush();
            }
            send();
        }

        private void accept(byte[] bytes, int offset, int length) {
            written += length;
            if (buffered.size() + length > bufferSize) {
                send();
                sent.write(bytes, offset, length);
            } else {
                buffered.write(bytes, offset, length);
            }
        }

        private void send() {
            sent.writeBytes(buffered.toByteArray());
            buffered.reset();
        }

        private void setBufferSize(int size) {
            if (sent.size() > 0) {
                throw new IllegalStateException("committed");
            }
            if (written == 0) { // Grizzly ignores it once the buffer is in use
                bufferSize = size;
            }
        }

        HttpServletResponse response() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    accept(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    accept(bytes, offset, length);
                }

                @Override
                public void flush() {
                    calls.add("flush");
                    send();
                }

                @Override
                public void close() {
                    calls.add("close");
                    send();
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        calls.add(method.getName());
                        switch (method.getName()) {
                            case "getOutputStream":
                                return stream;
                            case "getWriter":
                                return writer();
                            case "getCharacterEncoding":
                                return characterEncoding;
                            case "setBufferSize":
                                setBufferSize((Integer) args[0]);
                                return null;
                            case "getBufferSize":
                                return bufferSize;
                            case "isCommitted":
                                return sent.size() > 0;
                            case "flushBuffer":
                                send();
                                return null;
                            default:
                                return null;
                        }
                    });
        }

        private PrintWriter writer() {
            if (writer == null) {
                Charset charset = Charset.forName(characterEncoding);
                writer = new PrintWriter(new Writer() {
                    @Override
                    public void write(char[] chars, int offset, int length) {
                        byte[] bytes = new String(chars, offset, length).getBytes(charset);
                        accept(bytes, 0, bytes.length);
                    }

                    @Override
                    public void flush() {
                        calls.add("writer.flush");
                        send();
                    }

                    @Override
                    public void close() {
                        calls.add("writer.close");
                        send();
                    }
                });
            }
            return writer;
        }
    }
}
