package dev.sessionshop.web.api;

import dev.sessionshop.web.config.ShopSettings;
import dev.sessionshop.web.session.DataGrid;
import dev.sessionshop.web.session.InstanceIdentity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/cluster}: the answering instance and, for {@code clustering}, the members of the data
 * grid it belongs to and whether every partition has its backup again (no migration in flight). Never
 * touches the session.
 */
@Path("cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Context
    private ServletContext context;

    @GET
    public JsonObject describe() {
        return Json.createObjectBuilder()
                .add("instance", InstanceIdentity.current().name())
                .add("strategy", ShopSettings.of(context).strategy().id())
                .add("gridMembers", Json.createArrayBuilder(DataGrid.members()))
                .add("gridSafe", DataGrid.safe())
                .build();
    }
}
