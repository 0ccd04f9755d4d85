package dev.sessionshop.web.api;

import dev.sessionshop.catalog.ProductCatalog;
import dev.sessionshop.cart.UnknownProductException;
import jakarta.ejb.EJB;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/products} and {@code GET /api/products/{id}}: the catalog; never touches the session. */
@Path("products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {

    @EJB
    private ProductCatalog catalog;

    @GET
    public JsonArray all() {
        return ApiJson.products(catalog.all()).build();
    }

    @GET
    @Path("{id}")
    public JsonObject one(@PathParam("id") String id) {
        return ApiJson.product(catalog.find(id).orElseThrow(() -> new UnknownProductException(id)));
    }
}
