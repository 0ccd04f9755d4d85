package dev.sessionshop.web.error;

import java.util.Map;

/** Short human titles of the statuses the shop answers with. */
final class StatusTitles {

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad request"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not found"),
            Map.entry(405, "Method not allowed"),
            Map.entry(406, "Not acceptable"),
            Map.entry(409, "Conflict"),
            Map.entry(413, "Request too large"),
            Map.entry(415, "Unsupported media type"),
            Map.entry(422, "Unprocessable request"),
            Map.entry(500, "Something went wrong"),
            Map.entry(501, "Not implemented"),
            Map.entry(503, "Service unavailable"));

    private StatusTitles() {
    }

    static String title(int status) {
        return TITLES.getOrDefault(status, status < 500 ? "Request refused" : "Server error");
    }

    /** A message for errors the container raised itself, where no code of ours wrote one. */
    static String defaultMessage(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that kind of request.";
            case 400 -> "The request could not be understood.";
            case 403 -> "You may not do that.";
            case 501 -> "The shop does not serve requests of this method; it uses GET, POST, PUT and DELETE.";
            case 503 -> "The shop cannot serve this request right now. Please try again in a few seconds.";
            default -> status >= 500
                    ? "Something went wrong on our side. Your cart is unchanged; please try again."
                    : "The request was refused.";
        };
    }
}
