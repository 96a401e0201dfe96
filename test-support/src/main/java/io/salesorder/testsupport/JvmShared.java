package io.salesorder.testsupport;

import java.util.function.Supplier;

/**
 * Values shared by every class loader of the test JVM. Quarkus loads test resources anew for each test profile,
 * so a static field would start a second server; a system property lets the restarted application find the
 * servers (and data) of the first.
 */
final class JvmShared {

    private JvmShared() {
    }

    static String getOrCreate(String name, Supplier<String> creator) {
        String key = "sales-order.test." + name;
        synchronized (System.getProperties()) {
            String value = System.getProperty(key);
            if (value == null) {
                value = creator.get();
                System.setProperty(key, value);
            }
            return value;
        }
    }
}
