package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.salesorder.platform.bundle.Yaml;
import io.salesorder.platform.pods.ContainerLaunch;
import io.salesorder.platform.pods.PodVolumes;
import io.salesorder.platform.pods.PodmanContainer;
import io.salesorder.testsupport.MariaDbServer;
import io.salesorder.testsupport.OutageProxy;
import io.salesorder.testsupport.RedisServer;

/**
 * The images this build pushed, run in podman as the dev bundle's Deployments and Job say (see
 * {@link PodmanContainer}), against a real MariaDB and a Redis master, replica and Sentinel holding the bundle's
 * generated credentials, and without MongoDB. Each Service name the pods use resolves to an address of its own where a
 * relay forwards the Service's port to what backs it, as a cluster's Service does. Runs with {@code -Pimages} only.
 */
class ImagesIT {

    private static final Path BUNDLE = Path.of("target/kubernetes/dev/sales-order.yml");
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final List<AutoCloseable> STARTED = new ArrayList<>();
    private static final Map<String, PodmanContainer> CONTAINERS = new LinkedHashMap<>();
    private static final Map<String, Instant> STARTED_AT = new LinkedHashMap<>();
    private static final Map<String, Duration> START_TO_STARTED = new LinkedHashMap<>();
    private static final Map<String, Duration> START_TO_READY = new LinkedHashMap<>();
    private static Map<String, Map<String, String>> secrets;

    @BeforeAll
    static void runTheImagesAsThePodsSay() throws Exception {
        assertThat(BUNDLE).as("the dev bundle rendered by this build").exists();
        List<Map<String, Object>> documents = Yaml.read(BUNDLE);
        Map<String, ConfigMap> configMaps = of(documents, "ConfigMap", ConfigMap.class).stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        secrets = of(documents, "Secret", Secret.class).stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), PodVolumes::values));

        Map<String, String> customers = secrets.get("customer-service-credentials");
        MariaDbServer mariadb = MariaDbServer.shared();
        mariadb.createDatabase("customers", customers.get("DB_USERNAME"), customers.get("DB_PASSWORD"));
        RedisServer redis = RedisServer.start(secrets.get("product-service-credentials").get("REDIS_PASSWORD"));
        RedisServer replica = redis.startReplica();
        int sentinel = redis.startSentinel();
        STARTED.add(redis::stop);
        STARTED.add(replica::stop);

        // Cluster Services: each name at an address of its own, its port relayed to what backs it here.
        Map<String, String> hosts = new LinkedHashMap<>();
        service(hosts, "user-service.sales-order.svc.cluster.local", 80, 8080);
        service(hosts, "mysql.sales-order.svc.cluster.local", 3306, mariadb.port());
        for (int member = 0; member < 3; member++) {
            service(hosts, "redis-" + member + ".redis.sales-order.svc.cluster.local", 26379, sentinel);
            // MongoDB is not there: its names resolve, nothing answers.
            hosts.put("mongodb-" + member + ".mongodb.sales-order.svc.cluster.local", "127.0.20.250");
        }

        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "images-");
        // One at a time, each until it has started, so that the start-up times printed are not of five JVMs at once.
        for (Deployment deployment : of(documents, "Deployment", Deployment.class)) {
            PodSpec spec = deployment.getSpec().getTemplate().getSpec();
            String name = deployment.getMetadata().getName();
            start(name, spec, configMaps, hosts, work);
            int port = spec.getContainers().get(0).getPorts().get(0).getContainerPort();
            awaitStatus(name, port, "/q/health/started", 200);
            // Ready soon after, except order-service, which has no MongoDB here (its test says so).
            awaitReady(name, port, Duration.ofSeconds(30));
        }
        for (Job job : of(documents, "Job", Job.class)) {
            start(job.getMetadata().getName(), job.getSpec().getTemplate().getSpec(), configMaps, hosts, work);
        }
    }

    @AfterAll
    static void stopEverything() {
        CONTAINERS.values().forEach(PodmanContainer::close);
        for (AutoCloseable closeable : STARTED) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Stopping what this test started; the rest still has to stop.
            }
        }
        START_TO_STARTED.forEach((name, took) -> System.out.printf("container start to started: %s %d ms%n", name, took.toMillis()));
        START_TO_READY.forEach((name, took) -> System.out.printf("container start to ready: %s %d ms%n", name, took.toMillis()));
    }

    private static <T> List<T> of(List<Map<String, Object>> documents, String kind, Class<T> type) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).map(d -> Yaml.mapper().convertValue(d, type)).toList();
    }

    private static int nextAddress = 1;

    private static void service(Map<String, String> hosts, String name, int port, int targetPort) {
        String address = "127.0.20." + nextAddress++;
        STARTED.add(OutageProxy.listening(new InetSocketAddress(address, port), "127.0.0.1", targetPort));
        hosts.put(name, address);
    }

    private static void start(String name, PodSpec spec, Map<String, ConfigMap> configMaps, Map<String, String> hosts, Path work)
            throws IOException {
        Path pod = Files.createDirectories(work.resolve(name));
        Map<String, Path> volumes = PodVolumes.lay(spec, pod, configMaps, secrets, claim -> pod.resolve("claim-" + claim));
        ContainerLaunch launch = ContainerLaunch.of(spec, spec.getContainers().get(0).getName(),
                ContainerLaunch.PodContext.of(configMaps, secrets, volumes, Map.of()));
        if (name.equals("customer-service")) {
            // The stand-in for MySQL 8.4 is MariaDB 10.11 announcing a MySQL 5.7 version (for Connector/J), which
            // Hibernate's start-up version check refuses; the only setting this test adds to a manifest.
            launch = launch.withEnv(Map.of("QUARKUS_HIBERNATE_ORM_DATABASE_VERSION_CHECK_ENABLED", "false"));
        }
        PodmanContainer.pull(launch.image());
        STARTED_AT.put(name, Instant.now());
        CONTAINERS.put(name, PodmanContainer.start(launch, "sales-order-" + name, hosts));
    }

    // --- what the running images answer

    private static HttpResponse<String> get(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status(int port, String path) {
        HttpResponse<String> response = get(port, path, null);
        return response == null ? -1 : response.statusCode();
    }

    private static void awaitStatus(String name, int port, String path, int expected) {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = status(port, path);
            if (last == expected) {
                if (path.equals("/q/health/started")) {
                    START_TO_STARTED.putIfAbsent(name, Duration.between(STARTED_AT.get(name), Instant.now()));
                }
                return;
            }
            if (!CONTAINERS.get(name).isRunning()) {
                fail(name + " exited:\n" + CONTAINERS.get(name).logs());
            }
            sleep(100);
        }
        fail(name + " answered " + last + " on " + path + ", not " + expected + ", within " + READY_WITHIN + ":\n" + CONTAINERS.get(name).logs());
    }

    private static void awaitReady(String name, int port, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline) && CONTAINERS.get(name).isRunning()) {
            if (status(port, "/q/health/ready") == 200) {
                START_TO_READY.putIfAbsent(name, Duration.between(STARTED_AT.get(name), Instant.now()));
                return;
            }
            sleep(100);
        }
    }

    private static String token() {
        Map<String, String> users = secrets.get("user-service-credentials");
        String body = "{\"username\":\"" + users.get("bootstrap-admin-username") + "\",\"password\":\"" + users.get("bootstrap-admin-password") + "\"}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/authenticate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response).isNotNull();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceFirst("^.*\"jwtToken\"\\s*:\\s*\"([^\"]+)\".*$", "$1");
    }

    @Test
    void the_dev_bundle_names_every_image_this_build_pushed_by_its_digest_and_the_others_stay_unpinned() throws IOException {
        List<String> images = Yaml.read(BUNDLE).stream()
                .flatMap(d -> Yaml.write(d).lines().filter(l -> l.strip().startsWith("image: ")).map(l -> l.strip().substring(7).replace("\"", "")))
                .filter(i -> i.contains("/sales-order/")).distinct().sorted().toList();
        assertThat(images).hasSize(5);
        for (String image : images) {
            String module = image.replaceFirst("^.*/sales-order/([^:@]+).*$", "$1");
            String pushed = Files.readString(Path.of("..", module, "target/jib-image.digest")).strip();
            assertThat(image).isEqualTo("localhost:5000/sales-order/" + module + ":2.1.0@" + pushed);
        }
        assertThat(Files.readString(Path.of("target/kubernetes/staging/sales-order.yml")))
                .as("staging's registry received nothing").doesNotContain("@sha256:");
        assertThat(Files.readString(Path.of("target/kubernetes/staging/summary.md"))).contains("**unpinned**");
    }

    @Test
    void user_service_issues_a_token_from_its_mounted_key_and_the_secrets_administrator() {
        awaitStatus("user-service", 8080, "/q/health/ready", 200);
        assertThat(token()).contains(".");
        assertThat(status(8080, "/q/metrics")).isEqualTo(200);
    }

    @Test
    void customer_service_serves_a_token_protected_call_from_mysql() {
        assertServesTokenProtectedCall("customer-service", 8081, "/customer/list");
    }

    @Test
    void product_service_serves_a_token_protected_call_from_the_master_its_sentinel_names() {
        assertServesTokenProtectedCall("product-service", 8083, "/item/list");
    }

    /** Ready, a 200 with user-service's token and a 401 without one, and metrics. */
    private static void assertServesTokenProtectedCall(String name, int port, String path) {
        awaitStatus("user-service", 8080, "/q/health/ready", 200);
        awaitStatus(name, port, "/q/health/ready", 200);
        HttpResponse<String> response = get(port, path, token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(get(port, path, null).statusCode()).isEqualTo(401);
        assertThat(status(port, "/q/metrics")).isEqualTo(200);
    }

    @Test
    void order_service_without_mongodb_runs_not_ready_and_answers_503() {
        awaitStatus("user-service", 8080, "/q/health/ready", 200);
        awaitStatus("order-service", 8082, "/q/health/live", 200);
        String token = token();
        sleep(3000);
        assertThat(CONTAINERS.get("order-service").isRunning()).isTrue();
        assertThat(status(8082, "/q/health/ready")).isEqualTo(503);
        HttpResponse<String> orders = get(8082, "/orders/list", token);
        assertThat(orders.statusCode()).as(orders.body()).isEqualTo(503);
        assertThat(orders.headers().firstValue("Retry-After")).contains("5");
        assertThat(status(8082, "/q/metrics")).isEqualTo(200);
    }

    @Test
    void the_replica_set_init_job_waits_for_the_members_instead_of_exiting() {
        PodmanContainer job = CONTAINERS.get("mongodb-replica-set-init");
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline) && !job.logs().contains("Waiting for")) {
            assertThat(job.isRunning()).as(job.logs()).isTrue();
            sleep(500);
        }
        assertThat(job.logs()).contains("Waiting for");
        assertThat(job.isRunning()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
