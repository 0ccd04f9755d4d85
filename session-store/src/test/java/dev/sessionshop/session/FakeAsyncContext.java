package dev.sessionshop.session;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/** An async cycle as a container runs it, as far as the store cares: listeners, and complete() calling them. */
public abstract class FakeAsyncContext implements AsyncContext {

    public final List<AsyncListener> listeners = new ArrayList<>();
    public boolean completed;

    public static FakeAsyncContext create() {
        return mock(FakeAsyncContext.class, withSettings().useConstructor().defaultAnswer(CALLS_REAL_METHODS));
    }

    @Override
    public void addListener(AsyncListener listener) {
        listeners.add(listener);
    }

    @Override
    public void complete() {
        completed = true;
        for (AsyncListener listener : List.copyOf(listeners)) {
            try {
                listener.onComplete(new AsyncEvent(this));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
