package io.salesorder.order;

import io.quarkus.test.common.QuarkusTestResource;
import io.salesorder.testsupport.MongoResource;
import io.salesorder.testsupport.TokenKeysResource;

/** Every test of this module runs against the MongoDB wire-compatible server, through replica-set discovery. */
@QuarkusTestResource(MongoResource.class)
@QuarkusTestResource(TokenKeysResource.class)
public class OrderTestResources {
}
