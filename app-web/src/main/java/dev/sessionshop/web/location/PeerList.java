package dev.sessionshop.web.location;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Parses {@code shop.instances}: {@code shop-1=http://127.0.0.1:8081,shop-2=http://127.0.0.1:8082}. An instance
 * does not discover its peers (sticky and external instances share nothing), so whoever starts them says
 * where they are. A malformed entry is skipped with a warning rather than failing the deployment: the
 * cluster view is an aid, not something the shop depends on.
 */
final class PeerList {

    private static final Logger LOG = Logger.getLogger(PeerList.class.getName());

    private PeerList() {
    }

    /** Instance name → base URL, in the order given. */
    static Map<String, URI> parse(String value) {
        Map<String, URI> peers = new LinkedHashMap<>();
        if (value == null) {
            return peers;
        }
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            URI url = equals > 0 ? parseUrl(entry.substring(equals + 1).trim()) : null;
            if (url == null) {
                LOG.warning(() -> "Ignoring shop.instances entry '" + entry.trim()
                        + "'; expected name=http://host:port");
                continue;
            }
            peers.put(entry.substring(0, equals).trim(), url);
        }
        return peers;
    }

    private static URI parseUrl(String text) {
        try {
            URI url = URI.create(text.endsWith("/") ? text : text + "/");
            return ("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null ? url : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
