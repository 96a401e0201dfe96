package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.salesorder.platform.bundle.Yaml;
import io.salesorder.platform.pods.EmulatedStatefulSet;
import io.salesorder.platform.pods.PodNetwork;

/**
 * The Redis pods of the dev bundle, run as the bundle says: each container's own command and the scripts of the
 * bundle's ConfigMap, unmodified, with the rendered Secret's password, the pod's uid/gid and read-only root, in
 * Linux namespaces (see {@link PodNetwork}), on Debian's real redis-server and redis-sentinel. Every scenario
 * asserts on data and on the servers' and Sentinels' own answers, never on logs.
 * <p>
 * The image is stood in for by the host's binaries; a wrapper adds {@code --bind <pod address>} because the pods
 * share one network namespace where a real pod has its own IP.
 */
class RedisDrillsIT {

    private static final Path BUNDLE = Path.of("target/kubernetes/dev/sales-order.yml");
    private static final Duration ELECTION = Duration.ofSeconds(60);

    private static StatefulSet statefulSet;
    private static List<ConfigMap> configMaps;
    private static List<Secret> secrets;

    private PodNetwork network;
    private EmulatedStatefulSet redis;

    @BeforeAll
    static void readBundle() {
        assertThat(BUNDLE).as("the dev bundle rendered by mvn package").exists();
        var documents = Yaml.read(BUNDLE);
        statefulSet = documents.stream().filter(d -> "StatefulSet".equals(d.get("kind")) && "redis".equals(name(d)))
                .map(d -> Yaml.mapper().convertValue(d, StatefulSet.class)).findFirst().orElseThrow();
        configMaps = documents.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).map(d -> Yaml.mapper().convertValue(d, ConfigMap.class)).toList();
        secrets = documents.stream().filter(d -> "Secret".equals(d.get("kind"))).map(d -> Yaml.mapper().convertValue(d, Secret.class)).toList();
        for (String binary : List.of("redis-server", "redis-sentinel", "redis-cli")) {
            assertThat(Path.of("/usr/bin", binary)).as("Debian's " + binary + " (apt-get install redis-server redis-sentinel)").exists();
        }
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> document) {
        return (String) ((Map<String, Object>) document.get("metadata")).get("name");
    }

    @BeforeEach
    void startNetwork(TestInfo test) throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "redis-drill-" + test.getTestMethod().orElseThrow().getName() + "-");
        network = new PodNetwork(work.toAbsolutePath());
        var image = new EmulatedStatefulSet.ImageStandIn(Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ordinal -> Map.of(
                        "/usr/local/bin/redis-server", "#!/bin/sh\nexec /usr/bin/redis-server \"$@\" --bind " + PodNetwork.address(ordinal) + "\n",
                        "/usr/local/bin/redis-sentinel", "#!/bin/sh\nexec /usr/bin/redis-sentinel \"$@\" --bind " + PodNetwork.address(ordinal) + "\n"));
        redis = new EmulatedStatefulSet(statefulSet, configMaps, secrets, Map.of("redis:7.2.5", image), network, work.toAbsolutePath());
    }

    @AfterEach
    void stop() {
        if (redis != null) {
            redis.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void a_first_start_gives_one_master_two_replicas_and_three_sentinels_that_agree() {
        startAll();
        int master = awaitOneMaster(all(), ELECTION);
        assertThat(role(master)).isEqualTo("master");
        for (int replica : others(master, all())) {
            assertThat(info(replica, 6379, "replication")).contains("role:slave", "master_host:" + redis.podHost(master), "master_link_status:up");
        }
        assertThat(set(master, "first", "1")).isEqualTo("OK");
        awaitReplicated("first", "1", all());
    }

    /** A master of a started set with {@code key=1} written everywhere, killed; the replica promoted within 30 s. */
    private record Failover(int old, int promoted) {
    }

    private Failover failOverAfterWriting(String key) {
        startAll();
        int old = awaitOneMaster(all(), ELECTION);
        assertThat(set(old, key, "1")).isEqualTo("OK");
        awaitReplicated(key, "1", all());
        redis.kill(old);
        Instant killed = Instant.now();
        int promoted = awaitOneMaster(others(old, all()), Duration.ofSeconds(30));
        assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(30));
        return new Failover(old, promoted);
    }

    @Test
    void a_killed_master_is_replaced_within_30_seconds_and_rejoins_as_a_replica() {
        Failover failover = failOverAfterWriting("before");
        int old = failover.old();
        int promoted = failover.promoted();
        assertThat(set(promoted, "after", "2")).isEqualTo("OK");
        redis.start(old);
        assertThat(awaitOneMaster(all(), ELECTION)).as("the set after the old master came back").isEqualTo(promoted);
        awaitReplicated("after", "2", all());
        assertThat(get(old, "before")).isEqualTo("1");
    }

    @Test
    void a_full_restart_loses_no_write_acknowledged_by_a_promoted_master() {
        Failover failover = failOverAfterWriting("written-before-failover");
        int first = failover.old();
        int promoted = failover.promoted();
        assertThat(set(promoted, "acknowledged-by-promoted-master", "2")).isEqualTo("OK");
        awaitReplicated("acknowledged-by-promoted-master", "2", others(first, all()));
        all().forEach(redis::kill);
        startAll();
        int master = awaitOneMaster(all(), ELECTION);
        for (int pod : all()) {
            awaitValue(pod, "acknowledged-by-promoted-master", "2", ELECTION);
            assertThat(get(pod, "written-before-failover")).isEqualTo("1");
        }
        assertThat(master).as("the master of the latest failover stays master").isEqualTo(promoted);
    }

    @ParameterizedTest(name = "redis-{0} missing")
    @ValueSource(ints = { 0, 1, 2 })
    void a_cold_start_with_any_one_pod_missing_elects_a_master_that_accepts_writes(int missing) {
        Set<Integer> present = others(missing, all());
        present.forEach(redis::start);
        int master = awaitOneMaster(present, ELECTION);
        assertThat(set(master, "cold", "1")).isEqualTo("OK");
        awaitReplicated("cold", "1", present);
        redis.start(missing);
        assertThat(awaitOneMaster(all(), ELECTION)).isEqualTo(master);
        awaitValue(missing, "cold", "1", ELECTION);
    }

    @Test
    void a_password_with_spaces_quotes_and_a_hash_works_for_servers_and_sentinels() {
        redis.setSecretValue("redis-credentials", "REDIS_PASSWORD", "a pass \"with\" 'quotes' #hash \\ and $dollar");
        startAll();
        int master = awaitOneMaster(all(), ELECTION);
        assertThat(set(master, "quoted", "1")).isEqualTo("OK");
        awaitReplicated("quoted", "1", all());
        assertThat(cli(master, 6379, "ping")).isEqualTo("PONG");
    }

    // --- the pods and what they answer

    private Set<Integer> all() {
        return IntStream.range(0, redis.replicas()).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Integer> others(int pod, Set<Integer> pods) {
        Set<Integer> rest = new TreeSet<>(pods);
        rest.remove(pod);
        return rest;
    }

    private void startAll() {
        all().forEach(redis::start);
    }

    private String cli(int pod, int port, String... command) {
        List<String> argv = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", PodNetwork.address(pod), "-p", String.valueOf(port)));
        argv.addAll(List.of(command));
        return network.exec(Map.of("REDISCLI_AUTH", redis.secretValue("redis-credentials", "REDIS_PASSWORD")), Duration.ofSeconds(5),
                argv.toArray(String[]::new)).output();
    }

    private String info(int pod, int port, String section) {
        return cli(pod, port, "info", section).replace("\r", "");
    }

    private String role(int pod) {
        return info(pod, 6379, "replication").lines().filter(l -> l.startsWith("role:")).map(l -> l.substring(5)).findFirst().orElse("unknown");
    }

    private int knownReplicas(int pod) {
        List<String> lines = cli(pod, 26379, "sentinel", "master", "sales-order").lines().toList();
        int index = lines.indexOf("num-slaves");
        return index >= 0 && index + 1 < lines.size() ? Integer.parseInt(lines.get(index + 1).strip()) : -1;
    }

    private String set(int pod, String key, String value) {
        return cli(pod, 6379, "set", key, value);
    }

    private String get(int pod, String key) {
        return cli(pod, 6379, "get", key);
    }

    /**
     * Waits until exactly one of {@code pods} is master, every other one of them replicates it with its link up,
     * and every Sentinel of them names it; returns its ordinal.
     */
    private int awaitOneMaster(Set<Integer> pods, Duration within) {
        Instant deadline = Instant.now().plus(within);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            List<Integer> masters = pods.stream().filter(p -> role(p).equals("master")).toList();
            if (masters.size() == 1) {
                int master = masters.get(0);
                String host = redis.podHost(master);
                boolean replicasFollow = others(master, pods).stream()
                        .allMatch(p -> info(p, 6379, "replication").contains("master_host:" + host + "\n")
                                && info(p, 6379, "replication").contains("master_link_status:up"));
                List<String> sentinels = pods.stream().map(p -> cli(p, 26379, "sentinel", "get-master-addr-by-name", "sales-order")).toList();
                // A Sentinel can fail over only to replicas it has seen in the master's INFO (every 10 s).
                boolean replicasKnown = pods.stream().allMatch(p -> knownReplicas(p) >= pods.size() - 1);
                if (replicasFollow && replicasKnown && sentinels.stream().allMatch(s -> s.startsWith(host + "\n") || s.startsWith(host + "\r"))) {
                    return master;
                }
                last = "master redis-" + master + ", replicas following: " + replicasFollow + ", Sentinels: " + sentinels;
            } else {
                last = "masters: " + masters.stream().map(m -> "redis-" + m).toList();
            }
            sleep(500);
        }
        String logs = pods.stream().map(redis::logs).collect(Collectors.joining("\n"));
        return fail("no single master among " + pods + " within " + within + " (" + last + ")\n" + logs);
    }

    private void awaitReplicated(String key, String value, Set<Integer> pods) {
        pods.forEach(p -> awaitValue(p, key, value, Duration.ofSeconds(20)));
    }

    private void awaitValue(int pod, String key, String value, Duration within) {
        Instant deadline = Instant.now().plus(within);
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = get(pod, key);
            if (value.equals(seen)) {
                return;
            }
            sleep(250);
        }
        fail("redis-" + pod + " holds " + key + "=" + Optional.ofNullable(seen).orElse("nothing") + ", not " + value + "\n" + redis.logs(pod));
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
