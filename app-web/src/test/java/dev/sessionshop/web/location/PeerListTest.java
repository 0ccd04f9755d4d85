package dev.sessionshop.web.location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerListTest {

    @Test
    void readsNamesAndUrlsInTheOrderGiven() {
        Map<String, URI> peers = PeerList.parse("shop-2=http://127.0.0.1:8082, shop-1=http://127.0.0.1:8081/,shop-3=http://shop-3:8080");

        assertEquals(List.of("shop-2", "shop-1", "shop-3"), List.copyOf(peers.keySet()));
        assertEquals(URI.create("http://127.0.0.1:8082/"), peers.get("shop-2"));
        assertEquals(URI.create("http://127.0.0.1:8081/"), peers.get("shop-1"));
        assertEquals(URI.create("http://shop-3:8080/health/ready"), peers.get("shop-3").resolve("health/ready"));
    }

    @Test
    void skipsMalformedEntriesAndKeepsTheRest() {
        Map<String, URI> peers = PeerList.parse("shop-1,=http://x:1,shop-2=ftp://x:2,shop-3=not a url,,shop-4=http://127.0.0.1:8084");

        assertEquals(List.of("shop-4"), List.copyOf(peers.keySet()));
    }

    @Test
    void nothingConfiguredMeansNoPeers() {
        assertEquals(Map.of(), PeerList.parse(null));
        assertEquals(Map.of(), PeerList.parse(" "));
    }
}
