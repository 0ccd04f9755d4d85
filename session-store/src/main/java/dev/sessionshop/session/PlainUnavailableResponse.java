package dev.sessionshop.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The default {@link StoreUnavailableHandler}: 503, {@code Retry-After: 5}, and a body that says what
 * happened without saying how (no exception text, no stack trace, nothing about the topology).
 */
final class PlainUnavailableResponse implements StoreUnavailableHandler {

    static final String MESSAGE = "Session store unavailable, try again shortly";

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RuntimeException cause)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding("UTF-8");
        PrintWriter out;
        if (prefersJson(request.getHeader("Accept"))) {
            response.setContentType("application/problem+json");
            out = response.getWriter();
            out.print("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"" + MESSAGE + "\"}");
        } else {
            response.setContentType("text/html");
            out = response.getWriter();
            out.print("<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
                    + "<body><h1>503 Service Unavailable</h1><p>" + MESSAGE + ".</p></body></html>");
        }
        out.flush();
    }

    /**
     * True when the client ranks a JSON type above HTML. A rough q-value reading is enough here:
     * API clients send {@code application/json}, browsers send {@code text/html} first.
     */
    static boolean prefersJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double json = -1;
        double html = -1;
        for (String part : accept.split(",")) {
            String[] params = part.trim().split(";");
            String type = params[0].trim().toLowerCase();
            double q = 1.0;
            for (int i = 1; i < params.length; i++) {
                String param = params[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("application/json") || type.equals("application/problem+json") || type.endsWith("+json")) {
                json = Math.max(json, q);
            } else if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, q);
            }
        }
        return json > 0 && json > html;
    }
}
