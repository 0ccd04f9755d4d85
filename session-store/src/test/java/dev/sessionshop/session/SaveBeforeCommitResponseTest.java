package dev.sessionshop.session;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each trigger that commits a response must run the save first, while the response is still open. */
class SaveBeforeCommitResponseTest {

    private final FakeResponse container = FakeResponse.create();
    private final List<Boolean> committedAtSave = new ArrayList<>();
    private final SaveBeforeCommitResponse response =
            new SaveBeforeCommitResponse(container, () -> committedAtSave.add(container.isCommitted()));

    @Test
    void sendRedirectSavesFirst() throws IOException {
        response.sendRedirect("/next");
        assertEquals(List.of(false), committedAtSave);
        assertTrue(container.isCommitted());
    }

    @Test
    void sendErrorSavesFirst() throws IOException {
        response.sendError(404);
        assertEquals(List.of(false), committedAtSave);
        assertEquals(404, container.status);
    }

    @Test
    void sendErrorWithMessageSavesFirst() throws IOException {
        response.sendError(500, "boom");
        assertEquals(List.of(false), committedAtSave);
    }

    @Test
    void flushBufferSavesFirst() throws IOException {
        response.flushBuffer();
        assertEquals(List.of(false), committedAtSave);
    }

    @Test
    void writerFlushSavesFirst() throws IOException {
        PrintWriter writer = response.getWriter();
        writer.print("hello");
        assertTrue(committedAtSave.isEmpty(), "a small write commits nothing");
        writer.flush();
        assertEquals(List.of(false), committedAtSave);
        assertEquals("hello", container.body.toString());
    }

    @Test
    void outputStreamFlushAndCloseSaveFirst() throws IOException {
        response.getOutputStream().write(new byte[]{1, 2, 3});
        assertTrue(committedAtSave.isEmpty());
        response.getOutputStream().flush();
        assertEquals(List.of(false), committedAtSave);
    }

    @Test
    void reachingTheContentLengthSavesBeforeTheLastWrite() throws IOException {
        response.setContentLength(4);
        response.getOutputStream().write(new byte[]{1, 2});
        assertTrue(committedAtSave.isEmpty());
        response.getOutputStream().write(new byte[]{3, 4});
        assertEquals(List.of(false), committedAtSave);
    }

    @Test
    void contentLengthHeaderCountsToo() throws IOException {
        response.setHeader("content-length", "1");
        response.getOutputStream().write(7);
        assertEquals(List.of(false), committedAtSave);
    }

    @Test
    void fillingTheBufferSavesBeforeTheContainerFlushes() throws IOException {
        container.bufferSize = 100;
        PrintWriter writer = response.getWriter();
        writer.print("x".repeat(20));
        assertTrue(committedAtSave.isEmpty());
        writer.print("x".repeat(20)); // 40 chars counted as up to 120 bytes: may fill the buffer
        assertFalse(committedAtSave.isEmpty());
        assertFalse(committedAtSave.get(0), "saved before the container committed");
    }

    @Test
    void theSameWriterAndStreamAreReturnedEachTime() throws IOException {
        assertTrue(response.getWriter() == response.getWriter());
        assertTrue(response.getOutputStream() == response.getOutputStream());
    }
}
