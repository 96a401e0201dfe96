package io.salesorder.order.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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

import io.salesorder.order.service.OrderService;

/** The order API of the original clients, with pages, a read by id and proper statuses. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "USER", "ADMIN" })
@SecurityRequirement(name = "bearer")
public class OrderResource {

    /** The largest page a caller may ask for. */
    public static final int MAX_PAGE_SIZE = 100;
    /** The last page a caller may ask for: its offset (page x size) always fits in an int. */
    static final int MAX_PAGE = 1_000_000;

    private final OrderService orders;

    public OrderResource(OrderService orders) {
        this.orders = orders;
    }

    @GET
    @Path("orders/list")
    @Operation(summary = "Orders, oldest first, one page at a time (size at most " + MAX_PAGE_SIZE + ")")
    @APIResponse(responseCode = "200", description = "The page; X-Total-Count holds the number of orders",
            headers = @Header(name = "X-Total-Count", description = "All orders"))
    public Response list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        OrderService.Listing listing = orders.list(page, size);
        return Response.ok(listing.orders()).header("X-Total-Count", listing.total()).build();
    }

    @GET
    @Path("orders")
    @Operation(summary = "The orders of one customer")
    public List<OrderView> ofCustomer(@QueryParam("customerId") @NotNull @Positive Long customerId) {
        return orders.ofCustomer(customerId);
    }

    @GET
    @Path("order/{id}")
    @Operation(summary = "One order")
    @APIResponse(responseCode = "404", description = "No such order")
    public OrderView get(@PathParam("id") String id) {
        return orders.find(id).orElseThrow(() -> new NotFoundException("No order with id " + id));
    }

    @POST
    @Path("order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    public Response create(@Valid @NotNull OrderRequest request) {
        OrderView created = orders.create(request);
        URI location = UriBuilder.fromResource(OrderResource.class).path(OrderResource.class, "get").build(created.id());
        return Response.created(location).entity(created).build();
    }
}
