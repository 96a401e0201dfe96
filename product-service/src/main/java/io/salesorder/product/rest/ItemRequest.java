package io.salesorder.product.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /item}. The price is read as a decimal, never through a binary float. */
public record ItemRequest(
        // Well-formed text only: a lone UTF-16 surrogate (JSON can carry one escaped) is no name and no URI.
        @NotBlank @Size(max = 100) @Pattern(regexp = "(?:[^\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*",
                message = "must be valid Unicode text") String name,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price) {
}
