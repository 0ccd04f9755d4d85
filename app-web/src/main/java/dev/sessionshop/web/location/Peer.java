package dev.sessionshop.web.location;

/**
 * One shop instance in the cluster view: its name, its own URL (as {@code shop.instances} lists it), whether
 * it answered its readiness probe, and whether it is the instance that served this request.
 */
public record Peer(String name, String url, boolean up, boolean self) {
}
