package io.salesorder.customer;

import io.quarkus.test.common.QuarkusTestResource;
import io.salesorder.testsupport.MariaDbResource;
import io.salesorder.testsupport.TokenKeysResource;

/** Every test of this module runs against a real MariaDB and verifies tokens of the test key pair. */
@QuarkusTestResource(MariaDbResource.class)
@QuarkusTestResource(TokenKeysResource.class)
public class CustomerTestResources {
}
