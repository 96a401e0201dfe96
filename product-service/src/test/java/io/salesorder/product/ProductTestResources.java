package io.salesorder.product;

import io.quarkus.test.common.QuarkusTestResource;
import io.salesorder.testsupport.RedisResource;
import io.salesorder.testsupport.TokenKeysResource;

/** Every test of this module runs against a real, password-protected Redis server. */
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TokenKeysResource.class)
public class ProductTestResources {
}
