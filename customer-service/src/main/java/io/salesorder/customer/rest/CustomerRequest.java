package io.salesorder.customer.rest;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /customer}; the limits match the columns of the schema. */
public record CustomerRequest(
        @NotBlank @Size(max = 15) String firstName,
        @NotBlank @Size(max = 20) String lastName,
        @NotNull @Past @DateColumnRange LocalDate dateOfBirth,
        @NotBlank @Email @Size(max = 100) String email,
        @NotNull @Valid AddressDto address) {

    /** A postal address; {@code addressLine2} and {@code county} are optional. */
    public record AddressDto(
            @NotBlank @Size(max = 10) String houseFlatNo,
            @NotBlank @Size(max = 50) String addressLine1,
            @Size(max = 50) String addressLine2,
            @NotBlank @Size(max = 8) String postCode,
            @NotBlank @Size(max = 15) String city,
            @Size(max = 15) String county) {
    }
}
