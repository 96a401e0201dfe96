package io.salesorder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application at its datastore through a relay that is cut before the application starts, as on a
 * cluster where the service's pod starts before its datastore's. The test then restores {@link #relay()}.
 */
public abstract class UnreachableAtStartResource implements QuarkusTestResourceLifecycleManager {

    private static OutageProxy relay;

    /** The relay of the application under test; restore it to let the datastore in. */
    public static synchronized OutageProxy relay() {
        return relay;
    }

    /** The datastore's host and port. */
    protected abstract String datastore();

    /** The application's settings that reach the datastore through {@code relay}. */
    protected abstract Map<String, String> settingsThrough(OutageProxy relay);

    /** Started after the module's own datastore resource, so that these settings are the ones applied. */
    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Map<String, String> start() {
        String datastore = datastore();
        synchronized (UnreachableAtStartResource.class) {
            relay = OutageProxy.to(datastore.substring(0, datastore.lastIndexOf(':')),
                    Integer.parseInt(datastore.substring(datastore.lastIndexOf(':') + 1)));
            relay.cut();
        }
        return settingsThrough(relay);
    }

    @Override
    public void stop() {
        relay().close();
    }
}
