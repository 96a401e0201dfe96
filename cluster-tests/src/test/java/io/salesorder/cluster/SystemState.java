package io.salesorder.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/** What the cluster holds of the system, read back after a command, as kubectl and the controllers see it. */
final class SystemState {

    static final String NAMESPACE = "sales-order";
    static final String PARENT = "sales-order-applyset";

    private SystemState() {
    }

    /** The kind/name of every resource of a rendered bundle of the copy, in the bundle's order. */
    @SuppressWarnings("unchecked")
    static List<String> bundle(Path copy, String environment) {
        List<String> ids = new ArrayList<>();
        Path file = copy.resolve("platform/target/kubernetes/" + environment + "/sales-order.yml");
        try (var documents = new ObjectMapper(new YAMLFactory()).readerFor(Map.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                Map<String, Object> document = (Map<String, Object>) documents.next();
                if (document != null) {
                    ids.add(document.get("kind") + "/" + ((Map<String, Object>) document.get("metadata")).get("name"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /**
     * The members of the deploy's ApplySet as kubectl lists them: {@code kubectl get <the parent's group-kinds> -l
     * applyset.kubernetes.io/part-of=<the parent's id>}, each with its generation (or resource version, for kinds
     * without a generation).
     */
    static Map<String, String> members(Cluster cluster) {
        ConfigMap parent = cluster.client().configMaps().inNamespace(NAMESPACE).withName(PARENT).get();
        assertThat(parent).as("the ApplySet parent").isNotNull();
        String id = parent.getMetadata().getLabels().get("applyset.kubernetes.io/id");
        String kinds = parent.getMetadata().getAnnotations().get("applyset.kubernetes.io/contains-group-kinds");
        String listed = cluster.kubectl("get", kinds, "-n", NAMESPACE, "-l", "applyset.kubernetes.io/part-of=" + id,
                "-o", "jsonpath={range .items[*]}{.kind}/{.metadata.name} {.metadata.generation} {.metadata.resourceVersion}{\"\\n\"}{end}");
        Map<String, String> members = new TreeMap<>();
        listed.lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] fields = line.split(" ");
            members.put(fields[0], fields[1].isEmpty() ? "rv " + fields[2] : "generation " + fields[1]);
        });
        return members;
    }


    /**
     * Every Deployment and StatefulSet rolled out by the controllers (latest generation observed, every replica updated
     * and ready), every autoscaled Deployment at its autoscaler's minimum at least, the init Job complete, every claim
     * bound; this looks for up to a minute.
     */
    static void assertRolledOut(KubernetesClient client) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<String> notYet;
        do {
            notYet = notRolledOut(client);
            if (notYet.isEmpty()) {
                return;
            }
            sleep();
        } while (Instant.now().isBefore(deadline));
        assertThat(notYet).as("workloads not rolled out by the controllers").isEmpty();
    }

    private static List<String> notRolledOut(KubernetesClient client) {
        List<String> notYet = new ArrayList<>();
        List<Deployment> deployments = client.apps().deployments().inNamespace(NAMESPACE).list().getItems();
        assertThat(deployments).as("Deployments").isNotEmpty();
        for (Deployment d : deployments) {
            var s = d.getStatus();
            if (s == null || !rolledOut(d.getMetadata().getGeneration(), s.getObservedGeneration(), d.getSpec().getReplicas(),
                    s.getReadyReplicas(), s.getUpdatedReplicas())) {
                notYet.add("Deployment/" + d.getMetadata().getName());
            }
        }
        List<StatefulSet> sets = client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems();
        assertThat(sets).as("StatefulSets").isNotEmpty();
        for (StatefulSet set : sets) {
            var s = set.getStatus();
            if (s == null || !rolledOut(set.getMetadata().getGeneration(), s.getObservedGeneration(), set.getSpec().getReplicas(),
                    s.getReadyReplicas(), s.getUpdatedReplicas())) {
                notYet.add("StatefulSet/" + set.getMetadata().getName());
            }
        }
        // An autoscaler raises its Deployment to its minimum soon after the deploy; until then a generation may still move.
        for (var hpa : client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).list().getItems()) {
            Deployment target = client.apps().deployments().inNamespace(NAMESPACE).withName(hpa.getSpec().getScaleTargetRef().getName())
                    .get();
            if (target == null || target.getSpec().getReplicas() < hpa.getSpec().getMinReplicas()) {
                notYet.add("HorizontalPodAutoscaler/" + hpa.getMetadata().getName() + " (below its minimum)");
            }
        }
        var job = client.batch().v1().jobs().inNamespace(NAMESPACE).withName("mongodb-replica-set-init").get();
        if (job == null || job.getStatus() == null || job.getStatus().getSucceeded() == null || job.getStatus().getSucceeded() < 1) {
            notYet.add("Job/mongodb-replica-set-init");
        }
        for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems()) {
            if (claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase())) {
                notYet.add("PersistentVolumeClaim/" + claim.getMetadata().getName());
            }
        }
        return notYet;
    }

    /** As {@code kubectl rollout status} decides: the latest generation observed, every replica updated and ready. */
    private static boolean rolledOut(Long generation, Long observed, Integer replicas, Integer ready, Integer updated) {
        int want = replicas == null ? 1 : replicas;
        return generation.equals(observed) && ready != null && ready == want && updated != null && updated == want;
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
