package dev.sessionshop.web.api;

import dev.sessionshop.session.SessionLocation;
import dev.sessionshop.web.json.JsonFactory;
import dev.sessionshop.web.location.ClusterView;
import dev.sessionshop.web.location.GridMember;
import dev.sessionshop.web.location.GridPlacement;
import dev.sessionshop.web.location.Peer;
import dev.sessionshop.web.location.SessionLocator;
import dev.sessionshop.web.location.SessionWhereabouts;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/session/location}: where the caller's session is kept (this instance's memory, the data
 * grid's owner and backup members, the Redis key with the primary that holds it and its replicas, or the
 * memcached item with its owner and backup nodes) and the cluster view. Never creates a session.
 */
@Path("session/location")
@Produces(MediaType.APPLICATION_JSON)
public class SessionLocationResource {

    @Context
    private HttpServletRequest request;

    @Inject
    private ClusterView cluster;

    @GET
    public JsonObject locate() {
        SessionWhereabouts where = SessionLocator.locate(request);
        JsonObjectBuilder json = JsonFactory.object()
                .add("instance", where.instance())
                .add("strategy", where.strategy());
        ApiJson.nullable(json, "sessionId", where.sessionId());
        json.add("summary", where.summary());
        if (where.memory() != null) {
            json.add("memory", JsonFactory.object().add("instance", where.memory()).add("onlyCopy", true));
        }
        if (where.grid() != null) {
            json.add("grid", grid(where.grid()));
        }
        if (where.store() != null) {
            json.add(where.store().match(redis -> "redis", memcached -> "memcached"),
                    where.store().match(SessionLocationResource::redis, SessionLocationResource::memcached));
        }
        return json
                .add("gridMembers", members(where.gridMembers()))
                .add("cluster", JsonFactory.object()
                        .add("configured", cluster.isConfigured())
                        .add("instances", instances(cluster.instances())))
                .build();
    }

    private static JsonObject grid(GridPlacement grid) {
        JsonObjectBuilder json = JsonFactory.object()
                .add("map", grid.map())
                .add("stored", grid.stored())
                .add("partition", grid.partition());
        if (grid.owner() == null) {
            json.addNull("owner");
        } else {
            json.add("owner", member(grid.owner()));
        }
        return json
                .add("backups", members(grid.backups()))
                .add("backupsKnown", grid.backupsKnown())
                .add("backupCount", grid.backupCount())
                .add("entryBytes", grid.entryBytes())
                .build();
    }

    private static JsonObject redis(SessionLocation.Redis redis) {
        JsonObjectBuilder json = JsonFactory.object()
                .add("key", redis.key())
                .add("ttlSeconds", redis.ttl().toSeconds())
                .add("sizeBytes", redis.sizeBytes());
        ApiJson.nullable(json, "node", redis.node());
        // The primary's replicas (ROLE): behind Sentinel, where the session would survive a crash of the
        // primary, and how far each one trails it (what such a crash would lose).
        JsonArrayBuilder replicas = JsonFactory.array();
        redis.replicas().forEach(replica -> replicas.add(JsonFactory.object()
                .add("node", replica.node()).add("lagBytes", replica.lagBytes())));
        return json.add("replicas", replicas).build();
    }

    private static JsonObject memcached(SessionLocation.Memcached memcached) {
        JsonObjectBuilder json = JsonFactory.object()
                .add("key", memcached.key())
                .add("ttlSeconds", memcached.ttl().toSeconds())
                .add("sizeBytes", memcached.sizeBytes())
                .add("owner", memcached.owner())
                .add("ownerHasIt", memcached.ownerHasIt());
        // No backup node when the store is given one node only (the shop always gives it two).
        ApiJson.nullable(json, "backup", memcached.backup());
        return json.add("backupHasIt", memcached.backupHasIt()).build();
    }

    private static JsonArrayBuilder members(List<GridMember> members) {
        JsonArrayBuilder array = JsonFactory.array();
        members.forEach(member -> array.add(member(member)));
        return array;
    }

    private static JsonObject member(GridMember member) {
        return JsonFactory.object()
                .add("name", member.name())
                .add("address", member.address())
                .add("local", member.local())
                .build();
    }

    private static JsonArrayBuilder instances(List<Peer> peers) {
        JsonArrayBuilder array = JsonFactory.array();
        for (Peer peer : peers) {
            JsonObjectBuilder json = JsonFactory.object().add("name", peer.name());
            ApiJson.nullable(json, "url", peer.url());
            array.add(json.add("up", peer.up()).add("servedThisRequest", peer.self()));
        }
        return array;
    }
}
