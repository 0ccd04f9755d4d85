package dev.sessionshop.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** Mounts the JSON API at {@code /api}. */
@ApplicationPath("/api")
public class ShopApi extends Application {

    /**
     * Jersey publishes a WADL of every resource at {@code /api/application.wadl} unless told not to: the
     * README documents the API, and a generated map of it is nothing a shop needs to hand out.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
