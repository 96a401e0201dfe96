package io.salesorder.customer.rest;

import java.time.LocalDate;

/** A customer as returned by the API. */
public record CustomerView(Long id, String firstName, String lastName, LocalDate dateOfBirth, String email,
        CustomerRequest.AddressDto address) {
}
