package dev.sessionshop.web.error;

import dev.sessionshop.cart.InvalidQuantityException;
import dev.sessionshop.cart.LineNotInCartException;
import dev.sessionshop.cart.ShopException;
import dev.sessionshop.cart.UnknownProductException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends a refusal from servlet code: a problem document to API clients, the error page to browsers. */
public final class ErrorResponses {

    public static final String STATUS = "errorStatus";
    public static final String TITLE = "errorTitle";
    public static final String MESSAGE = "errorMessage";
    static final String PAGE = "/WEB-INF/jsp/error.jsp";

    private ErrorResponses() {
    }

    public static void send(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException, ServletException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        if (wantsJson(request)) {
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(Problem.of(status, message).toJson().toString());
            return;
        }
        request.setAttribute(STATUS, status);
        request.setAttribute(TITLE, StatusTitles.title(status));
        request.setAttribute(MESSAGE, message);
        RequestDispatcher page = request.getRequestDispatcher(PAGE);
        page.forward(request, response);
    }

    static boolean wantsJson(HttpServletRequest request) {
        // On an error dispatch the request URI is the error page's; the client asked for the original one.
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String s ? s : request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        String accept = request.getHeader("Accept");
        return path.startsWith("/api/") || path.equals("/api")
                || (accept != null && accept.contains("json") && !accept.contains("text/html"));
    }

    /** The status of a refusal of the shop's rules, the same for pages and for the JSON API. */
    public static int statusOf(ShopException refused) {
        if (refused instanceof UnknownProductException || refused instanceof LineNotInCartException) {
            return HttpServletResponse.SC_NOT_FOUND;
        }
        if (refused instanceof InvalidQuantityException) {
            return HttpServletResponse.SC_BAD_REQUEST;
        }
        return HttpServletResponse.SC_CONFLICT;
    }
}
