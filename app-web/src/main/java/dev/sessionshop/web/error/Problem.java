package dev.sessionshop.web.error;

import dev.sessionshop.web.json.JsonFactory;
import jakarta.json.JsonObject;

/** An RFC 9457 problem document: what the JSON API answers instead of a result. */
public record Problem(int status, String title, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String detail) {
        return new Problem(status, StatusTitles.title(status), detail);
    }

    /** The message for a status raised by the container or framework, where no code of ours wrote one. */
    public static String defaultDetail(int status) {
        return StatusTitles.defaultMessage(status);
    }

    public JsonObject toJson() {
        return JsonFactory.object()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail)
                .build();
    }
}
