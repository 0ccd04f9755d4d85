package dev.sessionshop.session;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * Just enough of a container's request: cookies, attributes, a few headers. Abstract so that Mockito
 * answers the hundred methods the store never calls; the ones below behave like a container's.
 */
public abstract class FakeRequest implements HttpServletRequest {

    public final List<Cookie> cookies = new ArrayList<>();
    public final Map<String, Object> attributes = new HashMap<>();
    public final Map<String, String> headers = new HashMap<>();
    public String contextPath = "/shop";
    public String uri = "/shop/cart";
    public boolean secure;
    public DispatcherType dispatcherType = DispatcherType.REQUEST;
    public FakeAsyncContext asyncContext;
    public final ServletContext servletContext = mock(ServletContext.class);

    public static FakeRequest create() {
        return mock(FakeRequest.class, withSettings().useConstructor().defaultAnswer(CALLS_REAL_METHODS));
    }

    public FakeRequest cookie(String name, String value) {
        cookies.add(new Cookie(name, value));
        return this;
    }

    public FakeRequest header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    @Override
    public Cookie[] getCookies() {
        return cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(List.copyOf(attributes.keySet()));
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name.toLowerCase());
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public String getRequestURI() {
        return uri;
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return dispatcherType;
    }

    @Override
    public AsyncContext startAsync() {
        asyncContext = FakeAsyncContext.create();
        return asyncContext;
    }

    @Override
    public boolean isAsyncStarted() {
        return asyncContext != null && !asyncContext.completed;
    }

    @Override
    public AsyncContext getAsyncContext() {
        if (asyncContext == null) {
            throw new IllegalStateException("not async");
        }
        return asyncContext;
    }

    @Override
    public ServletContext getServletContext() {
        return servletContext;
    }
}
