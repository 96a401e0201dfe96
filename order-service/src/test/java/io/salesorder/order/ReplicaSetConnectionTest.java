package io.salesorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterType;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.order.service.OrderCollectionSetup;

@QuarkusTest
class ReplicaSetConnectionTest {

    @Inject
    MongoClient client;

    @Inject
    OrderCollectionSetup setup;

    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String connectionString;

    @Test
    void the_client_connects_through_replica_set_discovery() {
        assertThat(connectionString).contains("replicaSet=rs0");
        client.getDatabase("orders").runCommand(new Document("ping", 1));
        assertThat(client.getClusterDescription().getType()).isEqualTo(ClusterType.REPLICA_SET);
        assertThat(client.getClusterDescription().getServerDescriptions())
                .anySatisfy(server -> assertThat(server.getSetName()).isEqualTo("rs0"));
    }

    @Test
    void the_customer_index_exists_and_preparing_again_adds_no_index_and_no_order() {
        var orders = client.getDatabase("orders").getCollection("orders");
        long before = orders.countDocuments();
        assertThat(orders.listIndexes().map(index -> index.getString("name")).into(new java.util.ArrayList<>()))
                .contains("customerId_1");

        assertThat(setup.prepare()).isZero();
        assertThat(setup.prepare()).isZero();

        assertThat(orders.countDocuments()).isEqualTo(before);
        assertThat(orders.countDocuments(new Document("_id", new org.bson.types.ObjectId("5f0000000000000000000001"))))
                .isEqualTo(1);
        assertThat(orders.listIndexes().into(new java.util.ArrayList<>())).hasSize(2);
    }
}
