package io.salesorder.customer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A postal address, stored in the customer's row. */
@Embeddable
public class Address {

    @Column(name = "house_flat_no", nullable = false, length = 10)
    public String houseFlatNo;

    @Column(name = "address_line1", nullable = false, length = 50)
    public String addressLine1;

    @Column(name = "address_line2", length = 50)
    public String addressLine2;

    @Column(name = "post_code", nullable = false, length = 8)
    public String postCode;

    @Column(name = "city", nullable = false, length = 15)
    public String city;

    @Column(name = "county", length = 15)
    public String county;
}
