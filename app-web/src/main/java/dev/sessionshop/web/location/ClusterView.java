package dev.sessionshop.web.location;

import dev.sessionshop.web.session.InstanceIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The shop's instances as this one sees them: the peers named in {@code shop.instances} (environment
 * {@code SHOP_INSTANCES}), each probed at {@code /health/ready}, and this instance, which is up by
 * definition since it is answering. Probes run in parallel with a 1 s timeout, and their result is kept
 * for 2 s: a reload storm on the page costs one round of probes, not one per request.
 */
@ApplicationScoped
public class ClusterView {

    static final String INSTANCES = "shop.instances";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration CACHE_FOR = Duration.ofSeconds(2);

    private Map<String, URI> configured;
    private HttpClient http;
    private List<Peer> cached = List.of();
    private long cachedAt;

    @PostConstruct
    void readConfiguration() {
        configured = PeerList.parse(ConfigProvider.getConfig().getOptionalValue(INSTANCES, String.class).orElse(null));
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(PROBE_TIMEOUT)
                .build();
    }

    /** Whether peers are configured at all; without them the view shows only this instance. */
    public boolean isConfigured() {
        return !configured.isEmpty();
    }

    /**
     * The instances in configured order, this one marked {@code self}. Synchronized so that concurrent
     * requests wait for the one round of probes in flight instead of starting their own.
     */
    public synchronized List<Peer> instances() {
        if (cachedAt == 0 || System.nanoTime() - cachedAt > CACHE_FOR.toNanos()) {
            cached = probe();
            cachedAt = System.nanoTime();
        }
        return cached;
    }

    private List<Peer> probe() {
        String self = InstanceIdentity.current().name();
        Map<String, CompletableFuture<Boolean>> probes = new LinkedHashMap<>();
        configured.forEach((name, url) -> probes.put(name,
                name.equals(self) ? CompletableFuture.completedFuture(true) : ready(url)));
        List<Peer> peers = new ArrayList<>();
        if (!configured.containsKey(self)) {
            peers.add(new Peer(self, null, true, true));
        }
        probes.forEach((name, up) -> peers.add(new Peer(name, configured.get(name).toString(), up.join(),
                name.equals(self))));
        return List.copyOf(peers);
    }

    private CompletableFuture<Boolean> ready(URI base) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("health/ready"))
                .timeout(PROBE_TIMEOUT)
                .GET()
                .build();
        return http.sendAsync(request, BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 200)
                .exceptionally(failure -> false);
    }
}
