package dev.sessionshop.web.labs;

import java.net.HttpCookie;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cookies of one lab run, sent to every instance whatever its host name. A browser scopes cookies by
 * host; behind nginx every instance has the shop's one host, and the lab talks to the instances directly
 * (127.0.0.1:8081… or shop-1:8080…), so it keeps the jar itself. Like a browser it keeps every cookie it
 * is given, Payara's version cookie included, unless a step leaves one out on purpose.
 *
 * <p>Payara's {@code JSESSIONIDVERSION} ends in a counter ({@code <context>:<n>}); when parallel responses
 * bring different versions, the jar keeps the highest, as the last of several browser tabs would.
 */
final class LabCookieJar {

    static final String VERSION_COOKIE = "JSESSIONIDVERSION";

    private final Map<String, String> cookies = new LinkedHashMap<>();

    synchronized void absorb(HttpHeaders headers) {
        for (String header : headers.allValues("Set-Cookie")) {
            for (HttpCookie cookie : parse(header)) {
                if (cookie.getMaxAge() == 0) {
                    cookies.remove(cookie.getName());
                } else if (!VERSION_COOKIE.equals(cookie.getName()) || newer(cookie.getValue(), cookies.get(VERSION_COOKIE))) {
                    cookies.put(cookie.getName(), cookie.getValue());
                }
            }
        }
    }

    /** The Cookie header to send, without the named cookies; empty when there is nothing to send. */
    synchronized Optional<String> header(Set<String> leaveOut) {
        return header(leaveOut, Map.of());
    }

    /** The Cookie header with some values replaced (a replayed old value), the named ones left out. */
    synchronized Optional<String> header(Set<String> leaveOut, Map<String, String> replace) {
        String header = cookies.entrySet().stream()
                .filter(cookie -> !leaveOut.contains(cookie.getKey()))
                .map(cookie -> cookie.getKey() + "=" + replace.getOrDefault(cookie.getKey(), cookie.getValue()))
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Optional.empty() : Optional.of(header);
    }

    synchronized boolean has(String name) {
        return cookies.containsKey(name);
    }

    /** The value the jar holds now for a cookie, if any. */
    synchronized Optional<String> value(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    private static java.util.List<HttpCookie> parse(String header) {
        try {
            return HttpCookie.parse(header);
        } catch (IllegalArgumentException e) {
            return java.util.List.of();
        }
    }

    static boolean newer(String candidate, String current) {
        return current == null || counter(candidate) >= counter(current);
    }

    private static long counter(String version) {
        try {
            return Long.parseLong(version.substring(version.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
