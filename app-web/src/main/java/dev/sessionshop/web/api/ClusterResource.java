package dev.sessionshop.web.api;

import com.hazelcast.map.LocalMapStats;
import dev.sessionshop.web.config.ShopSettings;
import dev.sessionshop.web.json.JsonFactory;
import dev.sessionshop.web.session.DataGrid;
import dev.sessionshop.web.session.InstanceIdentity;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code GET /api/cluster}: the answering instance and, for {@code clustering}, the members of the data
 * grid it belongs to, whether every partition has its backup again (no migration in flight), and this
 * member's part of the session map ({@code sessionMap}, null without a grid). Never touches the session.
 */
@Path("cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Context
    private ServletContext context;

    @GET
    public JsonObject describe() {
        JsonObjectBuilder json = JsonFactory.object()
                .add("instance", InstanceIdentity.current().name())
                .add("strategy", ShopSettings.of(context).strategy().id())
                .add("gridMembers", JsonFactory.array(DataGrid.members()))
                .add("gridSafe", DataGrid.safe());
        // Payara keeps the sessions of this application in the map named after its context path.
        Optional<LocalMapStats> sessions = DataGrid.localStats(context.getContextPath());
        if (sessions.isPresent()) {
            json.add("sessionMap", sessionMap(sessions.get()));
        } else {
            json.addNull("sessionMap");
        }
        return json.build();
    }

    /**
     * This member's part of the session map: what the benchmark adds up over the members to tell the
     * grid's memory per session and its operations per request.
     */
    private static JsonObject sessionMap(LocalMapStats stats) {
        return JsonFactory.object()
                .add("ownedEntries", stats.getOwnedEntryCount())
                .add("ownedEntryBytes", stats.getOwnedEntryMemoryCost())
                .add("backupEntries", stats.getBackupEntryCount())
                .add("backupEntryBytes", stats.getBackupEntryMemoryCost())
                .add("gets", stats.getGetOperationCount())
                .add("puts", stats.getPutOperationCount())
                .add("sets", stats.getSetOperationCount())
                .add("removes", stats.getRemoveOperationCount())
                .add("otherOperations", stats.getOtherOperationCount())
                .build();
    }
}
