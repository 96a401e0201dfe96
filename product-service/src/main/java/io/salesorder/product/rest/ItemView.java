package io.salesorder.product.rest;

import java.math.BigDecimal;

/** An item as returned by the API: the price is a JSON number with two decimals. */
public record ItemView(String name, BigDecimal price) {
}
