package io.salesorder.customer.rest;

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

import io.salesorder.customer.service.CustomerService;

/** The customer API of the original clients, with pages and proper statuses. */
@Path("/customer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "USER", "ADMIN" })
@SecurityRequirement(name = "bearer")
public class CustomerResource {

    /** The largest page a caller may ask for. */
    public static final int MAX_PAGE_SIZE = 100;
    /** The last page a caller may ask for: its offset (page x size) always fits in an int. */
    static final int MAX_PAGE = 1_000_000;

    private final CustomerService customers;

    public CustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @GET
    @Path("list")
    @Operation(summary = "Customers by id, one page at a time (size at most " + MAX_PAGE_SIZE + ")")
    @APIResponse(responseCode = "200", description = "The page; X-Total-Count holds the number of customers",
            headers = @Header(name = "X-Total-Count", description = "All customers"))
    public Response list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        CustomerService.Listing listing = customers.list(page, size);
        return Response.ok(listing.customers()).header("X-Total-Count", listing.total()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One customer")
    @APIResponse(responseCode = "404", description = "No such customer")
    public CustomerView get(@PathParam("id") long id) {
        return customers.find(id).orElseThrow(() -> new NotFoundException("No customer with id " + id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a customer")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "409", description = "A customer with this email exists")
    public Response create(@Valid @NotNull CustomerRequest request) {
        CustomerView created = customers.create(request);
        URI location = UriBuilder.fromResource(CustomerResource.class).path(String.valueOf(created.id())).build();
        return Response.created(location).entity(created).build();
    }

}
