package io.salesorder.user;

import io.quarkus.test.common.QuarkusTestResource;
import io.salesorder.testsupport.TokenKeysResource;

/** Every test of this module runs with the test key pair: user-service signs with it, verifiers check it. */
@QuarkusTestResource(TokenKeysResource.class)
public class UserServiceTestResources {
}
