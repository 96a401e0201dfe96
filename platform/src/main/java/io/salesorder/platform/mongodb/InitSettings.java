package io.salesorder.platform.mongodb;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of the replica-set init Job (env from the mongodb ConfigMap and Secret in the cluster). */
@ConfigMapping(prefix = "replica-set-init")
public interface InitSettings {

    /** The set's name, as every member was started with ({@code --replSet}). */
    @WithDefault("rs0")
    String name();

    /** Every member's host:port, the first being the preferred primary. */
    List<String> members();

    /** The administrator the image created from its Secret. */
    String adminUsername();

    String adminPassword();

    /** The database of the application user, and that user: order-service connects as it. */
    String database();

    String appUsername();

    String appPassword();

    /** How long to keep asking members that do not answer yet. */
    @WithDefault("PT10M")
    Duration patience();

    @WithDefault("PT5S")
    Duration retryEvery();
}
