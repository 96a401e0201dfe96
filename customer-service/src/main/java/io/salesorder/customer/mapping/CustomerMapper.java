package io.salesorder.customer.mapping;

import io.salesorder.customer.model.Address;
import io.salesorder.customer.model.Customer;
import io.salesorder.customer.rest.CustomerRequest;
import io.salesorder.customer.rest.CustomerView;

/** REST shapes to entity and back. */
public final class CustomerMapper {

    private CustomerMapper() {
    }

    public static Customer toEntity(CustomerRequest request) {
        Customer customer = new Customer();
        customer.firstName = request.firstName();
        customer.lastName = request.lastName();
        customer.dateOfBirth = request.dateOfBirth();
        customer.email = request.email();
        Address address = new Address();
        address.houseFlatNo = request.address().houseFlatNo();
        address.addressLine1 = request.address().addressLine1();
        address.addressLine2 = request.address().addressLine2();
        address.postCode = request.address().postCode();
        address.city = request.address().city();
        address.county = request.address().county();
        customer.address = address;
        return customer;
    }

    public static CustomerView toView(Customer customer) {
        Address a = customer.address;
        return new CustomerView(customer.id, customer.firstName, customer.lastName, customer.dateOfBirth, customer.email,
                new CustomerRequest.AddressDto(a.houseFlatNo, a.addressLine1, a.addressLine2, a.postCode, a.city, a.county));
    }
}
