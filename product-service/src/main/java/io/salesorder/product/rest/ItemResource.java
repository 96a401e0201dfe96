package io.salesorder.product.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.salesorder.problem.ConflictException;
import io.salesorder.product.service.ItemStore;
import io.smallrye.mutiny.Uni;

/**
 * The item API of the original clients, with pages, a read by name and proper statuses. Its methods return a
 * {@link Uni}, so they run on the event loop and wait for Redis without a worker thread.
 */
@Path("/item")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "USER", "ADMIN" })
@SecurityRequirement(name = "bearer")
public class ItemResource {

    /** The largest page a caller may ask for. */
    public static final int MAX_PAGE_SIZE = 100;
    /** The last page a caller may ask for: its offset (page x size) always fits in an int. */
    static final int MAX_PAGE = 1_000_000;

    private final ItemStore items;

    public ItemResource(ItemStore items) {
        this.items = items;
    }

    @GET
    @Path("list")
    @Operation(summary = "Items by name, one page at a time (size at most " + MAX_PAGE_SIZE + ")")
    @APIResponse(responseCode = "200", description = "The page; X-Total-Count holds the number of items",
            headers = @Header(name = "X-Total-Count", description = "All items"))
    public Uni<Response> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        return items.list(page, size)
                .map(listing -> Response.ok(listing.items()).header("X-Total-Count", listing.total()).build());
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One item")
    @APIResponse(responseCode = "404", description = "No such item")
    public Uni<ItemView> get(@PathParam("name") String name) {
        return items.find(name).map(found -> found.orElseThrow(() -> new NotFoundException("No item named " + name)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an item")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "409", description = "An item of this name exists")
    public Uni<Response> create(@Valid @NotNull ItemRequest request) {
        return items.createIfAbsent(request.name(), request.price()).map(found -> {
            ItemView created = found.orElseThrow(() -> new ConflictException("An item named " + request.name() + " exists"));
            URI location = UriBuilder.fromResource(ItemResource.class).path("{name}").build(created.name());
            return Response.created(location).entity(created).build();
        });
    }
}
