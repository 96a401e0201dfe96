package io.salesorder.platform.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Resource;

/**
 * Waits until what a deploy applied has converged, printing each workload as it becomes ready: Deployments and
 * StatefulSets by their rollout status (the controller has seen the latest generation, and every replica is updated
 * and ready), the Job by its completion, PersistentVolumeClaims by being bound, ExternalSecrets by their
 * {@code Ready} condition. When time runs out, or a pod cannot start for a reason that no wait cures (an image that
 * cannot be pulled, a missing Secret key, a container that keeps crashing), or once only ExternalSecrets that no
 * controller has ever looked at are left, it names what is not ready and why in the cluster's own words: the pods'
 * phases and container states, their last events, and the last log lines of a crashing container.
 */
final class Convergence {

    /** Container states that no wait cures: the deploy fails at once, without using up the timeout. */
    static final Set<String> HOPELESS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError");
    /** Restarts after which a container in CrashLoopBackOff is taken as one that will not heal. */
    static final int CRASH_LOOP_RESTARTS = 5;
    /**
     * How long ExternalSecrets may have no status at all once everything else is ready: a running External Secrets
     * controller writes one within seconds of their creation, so after this none is running.
     */
    static final Duration UNATTENDED_AFTER = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    private static final int LOG_LINES = 10;
    private static final int EVENTS = 5;

    /** One thing to wait for, and its last known state. */
    private record Target(String kind, String name) {

        String id() {
            return kind + "/" + name;
        }
    }

    /** Where a target stands: ready or not, and a short account (2/3 ready). */
    private record State(boolean ready, boolean failed, String summary, boolean unattended) {

        State(boolean ready, boolean failed, String summary) {
            this(ready, failed, summary, false);
        }
    }

    private final KubernetesClient client;
    private final Consumer<String> log;
    private final Duration timeout;
    private final Duration poll;

    Convergence(KubernetesClient client, Consumer<String> log, Duration timeout, Duration poll) {
        this.client = client;
        this.log = log;
        this.timeout = timeout;
        this.poll = poll;
    }

    void await(List<Resource> resources) {
        List<Target> waiting = new ArrayList<>();
        for (Resource resource : resources) {
            if (Set.of("Deployment", "StatefulSet", "Job", "PersistentVolumeClaim", "ExternalSecret").contains(resource.kind())) {
                waiting.add(new Target(resource.kind(), resource.name()));
            }
        }
        int total = waiting.size();
        log.accept("Waiting up to " + timeout.toSeconds() + " s for " + total + " resources to converge");
        Instant deadline = Instant.now().plus(timeout);
        Instant nextProgress = Instant.now().plus(PROGRESS_EVERY);
        Map<Target, State> states = new LinkedHashMap<>();
        Instant unattendedSince = null;
        while (true) {
            for (Target target : List.copyOf(waiting)) {
                State state = state(target);
                states.put(target, state);
                if (state.ready()) {
                    waiting.remove(target);
                    log.accept(String.format("ready     %s (%s) [%d/%d]", target.id(), state.summary(), total - waiting.size(), total));
                }
            }
            if (waiting.isEmpty()) {
                log.accept("Converged: " + total + " of " + total + " ready.");
                return;
            }
            Optional<Target> failed = waiting.stream().filter(t -> states.get(t).failed()).findFirst();
            boolean onlyUnattended = waiting.stream().allMatch(t -> states.get(t).unattended());
            unattendedSince = !onlyUnattended ? null : unattendedSince == null ? Instant.now() : unattendedSince;
            boolean unattended = onlyUnattended && Instant.now().isAfter(unattendedSince.plus(UNATTENDED_AFTER));
            if (failed.isPresent() || unattended || Instant.now().isAfter(deadline)) {
                List<String> report = new ArrayList<>();
                report.add(failed.isPresent() ? "The deploy cannot converge: " + failed.get().id() + " cannot start."
                        : unattended ? "The deploy cannot converge: everything else is ready, but " + waiting.size()
                                + (waiting.size() == 1 ? " ExternalSecret has" : " ExternalSecrets have") + " had no status for "
                                + UNATTENDED_AFTER.toSeconds() + " s: no External "
                                + "Secrets controller is syncing them in this cluster (see \"What the cluster needs first\" "
                                + "in the README)."
                        : "The deploy did not converge within " + timeout.toSeconds() + " s: " + waiting.size() + " of "
                                + total + " not ready.");
                for (Target target : waiting) {
                    report.add(target.id() + ": " + states.get(target).summary());
                    report.addAll(diagnosis(target).stream().map(line -> "  " + line).toList());
                }
                report.forEach(log);
                throw new BundleException(String.join("\n", report));
            }
            if (Instant.now().isAfter(nextProgress)) {
                nextProgress = Instant.now().plus(PROGRESS_EVERY);
                log.accept("waiting   " + (total - waiting.size()) + " of " + total + " ready; not yet: "
                        + String.join(", ", waiting.stream().map(t -> t.id() + " (" + states.get(t).summary() + ")").toList()));
            }
            sleep();
        }
    }

    private State state(Target target) {
        return switch (target.kind()) {
            case "Deployment" -> deployment(target);
            case "StatefulSet" -> statefulSet(target);
            case "Job" -> job(target);
            case "PersistentVolumeClaim" -> claim(target);
            default -> externalSecret(target);
        };
    }

    private State deployment(Target target) {
        Deployment deployment = client.apps().deployments().inNamespace(Bundle.NAMESPACE).withName(target.name()).get();
        if (deployment == null) {
            return new State(false, false, "not found");
        }
        var status = deployment.getStatus();
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        return rollout(status == null ? null : status.getObservedGeneration(), deployment.getMetadata().getGeneration(),
                desired, status == null ? null : status.getUpdatedReplicas(), status == null ? null : status.getReadyReplicas(),
                hopeless(currentRevision(deployment)));
    }

    private State statefulSet(Target target) {
        StatefulSet set = client.apps().statefulSets().inNamespace(Bundle.NAMESPACE).withName(target.name()).get();
        if (set == null) {
            return new State(false, false, "not found");
        }
        var status = set.getStatus();
        int desired = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        return rollout(status == null ? null : status.getObservedGeneration(), set.getMetadata().getGeneration(), desired,
                status == null ? null : status.getUpdatedReplicas(), status == null ? null : status.getReadyReplicas(),
                hopeless(currentRevision(set)));
    }

    /** A rollout is done when the controller has seen the latest spec and every replica is updated and ready. */
    private static State rollout(Long observed, Long generation, int desired, Integer updated, Integer ready, boolean hopeless) {
        int readyCount = ready == null ? 0 : ready;
        boolean seen = observed(generation, observed);
        boolean done = seen && readyCount >= desired && (updated == null ? 0 : updated) >= desired;
        return new State(done, !done && hopeless, readyCount + "/" + desired + " ready" + (seen ? "" : ", rollout not yet observed"));
    }

    private State job(Target target) {
        Job job = client.batch().v1().jobs().inNamespace(Bundle.NAMESPACE).withName(target.name()).get();
        if (job == null) {
            return new State(false, false, "not found");
        }
        var status = job.getStatus();
        if (status != null && status.getConditions() != null) {
            for (var condition : status.getConditions()) {
                if ("True".equals(condition.getStatus()) && "Complete".equals(condition.getType())) {
                    return new State(true, false, "complete");
                }
                if ("True".equals(condition.getStatus()) && "Failed".equals(condition.getType())) {
                    return new State(false, true, "failed: " + condition.getReason() + " " + nullToEmpty(condition.getMessage()));
                }
            }
        }
        boolean succeeded = status != null && status.getSucceeded() != null && status.getSucceeded() > 0;
        return new State(succeeded, !succeeded && hopeless(job.getSpec().getTemplate().getMetadata().getLabels()),
                succeeded ? "complete" : "running");
    }

    private State claim(Target target) {
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(Bundle.NAMESPACE).withName(target.name()).get();
        String phase = claim == null || claim.getStatus() == null ? null : claim.getStatus().getPhase();
        return new State("Bound".equals(phase), false, phase == null ? "no phase yet" : phase);
    }

    @SuppressWarnings("unchecked")
    private State externalSecret(Target target) {
        GenericKubernetesResource secret = client.genericKubernetesResources("external-secrets.io/v1", "ExternalSecret")
                .inNamespace(Bundle.NAMESPACE).withName(target.name()).get();
        Object status = secret == null ? null : secret.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> map && map.get("conditions") instanceof List<?> conditions) {
            for (Object item : conditions) {
                Map<String, Object> condition = (Map<String, Object>) item;
                if ("Ready".equals(condition.get("type"))) {
                    boolean ready = "True".equals(String.valueOf(condition.get("status")));
                    return new State(ready, false, ready ? "synced" : condition.get("reason") + ": " + condition.get("message"));
                }
            }
        }
        return new State(false, false, secret == null ? "not found" : status == null ? "never synced: no status" : "not synced yet",
                secret != null && status == null);
    }

    /**
     * The labels of the pods of a Deployment's current revision: a rollout that replaces crashing pods is judged by its
     * new pods, not by the old ones it is about to remove. Empty until the controller has made that revision's ReplicaSet.
     */
    private Map<String, String> currentRevision(Deployment deployment) {
        String revision = deployment.getMetadata().getAnnotations() == null ? null
                : deployment.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
        if (revision == null) {
            // No controller has numbered a revision yet: every pod of the selector is the Deployment's.
            return deployment.getSpec().getSelector().getMatchLabels();
        }
        if (!observed(deployment.getMetadata().getGeneration(), deployment.getStatus() == null ? null
                : deployment.getStatus().getObservedGeneration())) {
            return Map.of(); // the annotation still names the revision before this change
        }
        for (var replicaSet : client.apps().replicaSets().inNamespace(Bundle.NAMESPACE)
                .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems()) {
            var annotations = replicaSet.getMetadata().getAnnotations();
            boolean owned = replicaSet.getMetadata().getOwnerReferences().stream()
                    .anyMatch(owner -> owner.getUid().equals(deployment.getMetadata().getUid()));
            if (owned && annotations != null && revision.equals(annotations.get("deployment.kubernetes.io/revision"))) {
                Map<String, String> labels = new LinkedHashMap<>(deployment.getSpec().getSelector().getMatchLabels());
                labels.put("pod-template-hash", replicaSet.getMetadata().getLabels().get("pod-template-hash"));
                return labels;
            }
        }
        return Map.of();
    }

    /** The labels of the pods of a StatefulSet's update revision. */
    private static Map<String, String> currentRevision(StatefulSet set) {
        if (set.getStatus() == null || set.getStatus().getUpdateRevision() == null
                || !observed(set.getMetadata().getGeneration(), set.getStatus().getObservedGeneration())) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>(set.getSpec().getSelector().getMatchLabels());
        labels.put("controller-revision-hash", set.getStatus().getUpdateRevision());
        return labels;
    }

    private static boolean observed(Long generation, Long observedGeneration) {
        return observedGeneration != null && (generation == null || observedGeneration >= generation);
    }

    /** Whether a pod of these labels has a container stuck in a state no wait cures. */
    private boolean hopeless(Map<String, String> podLabels) {
        if (podLabels == null || podLabels.isEmpty()) {
            return false;
        }
        for (Pod pod : client.pods().inNamespace(Bundle.NAMESPACE).withLabels(podLabels).list().getItems()) {
            for (ContainerStatus container : containers(pod)) {
                var waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting != null && HOPELESS.contains(waiting.getReason())) {
                    return true;
                }
                if (waiting != null && "CrashLoopBackOff".equals(waiting.getReason()) && container.getRestartCount() != null
                        && container.getRestartCount() >= CRASH_LOOP_RESTARTS) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the cluster says about a target that is not ready: its pods, their containers, events and logs. */
    private List<String> diagnosis(Target target) {
        List<String> lines = new ArrayList<>();
        try {
            Map<String, String> podLabels = podLabels(target);
            if (podLabels == null) {
                lines.addAll(events(target.kind(), target.name()));
                return lines;
            }
            List<Pod> pods = client.pods().inNamespace(Bundle.NAMESPACE).withLabels(podLabels).list().getItems();
            if (pods.isEmpty()) {
                lines.add("no pod yet");
                lines.addAll(events(target.kind(), target.name()));
            }
            for (Pod pod : pods) {
                String name = pod.getMetadata().getName();
                lines.add("pod " + name + ": " + (pod.getStatus() == null ? "no status" : pod.getStatus().getPhase()));
                for (ContainerStatus container : containers(pod)) {
                    lines.add("  container " + container.getName() + ": " + describe(container));
                    boolean crashing = container.getLastState() != null && container.getLastState().getTerminated() != null
                            || container.getState() != null && container.getState().getWaiting() != null
                                    && "CrashLoopBackOff".equals(container.getState().getWaiting().getReason());
                    if (crashing) {
                        lines.addAll(lastLogLines(name, container.getName()));
                    }
                }
                events("Pod", name).forEach(line -> lines.add("  " + line));
            }
        } catch (KubernetesClientException e) {
            lines.add("(the cluster's account is unavailable: " + e.getMessage() + ")");
        }
        return lines;
    }

    private Map<String, String> podLabels(Target target) {
        return switch (target.kind()) {
            case "Deployment" -> {
                Deployment d = client.apps().deployments().inNamespace(Bundle.NAMESPACE).withName(target.name()).get();
                yield d == null ? null : d.getSpec().getSelector().getMatchLabels();
            }
            case "StatefulSet" -> {
                StatefulSet s = client.apps().statefulSets().inNamespace(Bundle.NAMESPACE).withName(target.name()).get();
                yield s == null ? null : s.getSpec().getSelector().getMatchLabels();
            }
            case "Job" -> {
                Job j = client.batch().v1().jobs().inNamespace(Bundle.NAMESPACE).withName(target.name()).get();
                yield j == null ? null : Map.of("job-name", target.name());
            }
            default -> null;
        };
    }

    private static List<ContainerStatus> containers(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getInitContainerStatuses() != null) {
                all.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                all.addAll(pod.getStatus().getContainerStatuses());
            }
        }
        return all;
    }

    private static String describe(ContainerStatus container) {
        StringBuilder text = new StringBuilder();
        var state = container.getState();
        if (state != null && state.getWaiting() != null) {
            text.append("waiting: ").append(state.getWaiting().getReason());
            if (state.getWaiting().getMessage() != null) {
                text.append(" (").append(state.getWaiting().getMessage()).append(")");
            }
        } else if (state != null && state.getTerminated() != null) {
            text.append("terminated: ").append(state.getTerminated().getReason()).append(", exit code ")
                    .append(state.getTerminated().getExitCode());
        } else if (state != null && state.getRunning() != null) {
            text.append(Boolean.TRUE.equals(container.getReady()) ? "running, ready" : "running, not ready");
        } else {
            text.append("no state yet");
        }
        if (container.getRestartCount() != null && container.getRestartCount() > 0) {
            text.append("; ").append(container.getRestartCount()).append(" restarts");
        }
        var last = container.getLastState() == null ? null : container.getLastState().getTerminated();
        if (last != null) {
            text.append("; last exit: ").append(last.getReason()).append(", code ").append(last.getExitCode());
        }
        return text.toString();
    }

    /** The last lines the container wrote before it last stopped (the one running now, if it has not stopped). */
    private List<String> lastLogLines(String pod, String container) {
        List<String> lines = new ArrayList<>();
        try {
            var pods = client.pods().inNamespace(Bundle.NAMESPACE).withName(pod).inContainer(container);
            String text = pods.terminated().tailingLines(LOG_LINES).getLog();
            if (text == null || text.isBlank()) {
                text = pods.tailingLines(LOG_LINES).getLog();
            }
            lines.add("    last log lines:");
            text.lines().forEach(line -> lines.add("    | " + line));
        } catch (KubernetesClientException e) {
            lines.add("    (no log: " + e.getMessage() + ")");
        }
        return lines;
    }

    /** The last events about an object, oldest first, as kubectl describe shows them. */
    private List<String> events(String kind, String name) {
        List<Event> events = new ArrayList<>();
        for (Event event : client.v1().events().inNamespace(Bundle.NAMESPACE).list().getItems()) {
            if (event.getInvolvedObject() != null && name.equals(event.getInvolvedObject().getName())
                    && kind.equals(event.getInvolvedObject().getKind())) {
                events.add(event);
            }
        }
        events.sort(Comparator.comparing(e -> nullToEmpty(e.getLastTimestamp())));
        List<String> lines = new ArrayList<>();
        for (Event event : events.subList(Math.max(0, events.size() - EVENTS), events.size())) {
            lines.add("event " + event.getType() + " " + event.getReason() + ": " + nullToEmpty(event.getMessage()));
        }
        return lines;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("Interrupted while waiting for the system to converge");
        }
    }
}
