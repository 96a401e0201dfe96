package io.salesorder.order.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /order}: whose order, and at least one item. */
public record OrderRequest(
        @NotNull @Positive Long customerId,
        @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 100) String> items) {
}
