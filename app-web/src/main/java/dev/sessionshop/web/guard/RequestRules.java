package dev.sessionshop.web.guard;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Which requests {@link RequestGuardFilter} refuses, and what it answers; no servlet API, so a unit test reads it. */
final class RequestRules {

    /** Every method some page or endpoint of the shop serves (HEAD and OPTIONS come with GET for free). */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    /** UTF-8 and the two charsets whose text is the same bytes for the ASCII a form or query holds. */
    static final Set<Charset> CHARSETS = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1);

    static final String METHOD_MESSAGE = "The shop does not serve requests of this method; it uses GET, POST, PUT and DELETE.";
    static final String URL_SESSION_ID_MESSAGE = "A session id in the address is not accepted: the shop keeps the "
            + "session in a cookie only. Remove the ;jsessionid=… part of the address and try again.";
    static final String CHARSET_MESSAGE = "The request's character set is not supported; send it in UTF-8.";

    private RequestRules() {
    }

    /** A refusal: the status and message the client gets, and the reason the log gives. */
    record Refusal(int status, String message, String reason) {
    }

    /**
     * @param requestUri        the request line's path, as sent (path parameters included)
     * @param sessionIdFromUrl  whether the container found a session id in the URL
     * @param characterEncoding the charset of the request's Content-Type, or null
     */
    static Optional<Refusal> check(String method, String requestUri, boolean sessionIdFromUrl, String characterEncoding) {
        if (!METHODS.contains(method)) {
            return Optional.of(new Refusal(501, METHOD_MESSAGE, "a method the shop does not serve"));
        }
        if (sessionIdFromUrl || hasUrlSessionId(requestUri)) {
            return Optional.of(new Refusal(400, URL_SESSION_ID_MESSAGE, "a session id in the URL"));
        }
        if (characterEncoding != null && !acceptedCharset(characterEncoding)) {
            return Optional.of(new Refusal(400, CHARSET_MESSAGE, "a character set other than UTF-8"));
        }
        return Optional.empty();
    }

    /** Any spelling: Payara reads {@code ;jsessionid=} only, but no such URL is ever the shop's own. */
    static boolean hasUrlSessionId(String requestUri) {
        return requestUri != null && requestUri.toLowerCase(Locale.ROOT).contains(";jsessionid=");
    }

    static boolean acceptedCharset(String name) {
        try {
            return CHARSETS.contains(Charset.forName(name.strip()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return false;
        }
    }

    /**
     * The path as the log may show it: path parameters (a session id among them) dropped, anything but
     * printable ASCII replaced, at most 200 characters, so that one refusal is one short line.
     */
    static String loggable(String path) {
        String cleaned = (path == null ? "" : path).replaceAll(";[^/]*", "").replaceAll("[^\\x21-\\x7E]", "?");
        return cleaned.length() <= 200 ? cleaned : cleaned.substring(0, 200) + "…";
    }
}
