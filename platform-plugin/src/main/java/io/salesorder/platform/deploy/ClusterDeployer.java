package io.salesorder.platform.deploy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.SecretPlan;
import io.salesorder.platform.bundle.Yaml;

/**
 * Brings a cluster to a bundle with server-side apply, in the bundle's order, after showing what will change.
 *
 * <p>
 * First a plan: each resource is applied with server-side dry run and the answer compared with the live object
 * ({@code create}, {@code change} with the fields that change, {@code unchanged}), and the members of the system's
 * ApplySet that the bundle no longer holds are listed ({@code prune}). A dry run stops there. A deploy then applies
 * what changes, deletes what is pruned, records the set, and (unless told not to) waits until the system converges.
 *
 * <p>
 * Server-side apply runs as field manager {@value #FIELD_MANAGER} and forces conflicts: the bundle is the reviewed
 * source of truth, so a field that someone changed by hand and the bundle sets is taken back; fields the bundle does
 * not set (an autoscaler's replica count, a controller's defaults) stay with whoever owns them. Generated Secrets are
 * created only when absent: their values were made for this render, and replacing them would lock the services out
 * of their datastores. Secrets and PersistentVolumeClaims are never pruned unless {@code pruneData} says so.
 */
public final class ClusterDeployer {

    public static final String FIELD_MANAGER = "sales-order-platform";

    /** What the plan does with one resource. */
    enum Action {
        CREATE("create"), CHANGE("change"), UNCHANGED("unchanged"), KEEP("keep"), PRUNE("prune"), SPARE("spare"),
        REFUSED("refused");

        final String word;

        Action(String word) {
            this.word = word;
        }
    }

    /**
     * One line of the plan, with the fields that change; for a member the bundle no longer holds, the object as the
     * cluster has it.
     */
    record Step(Action action, String id, List<String> changes, GenericKubernetesResource leftover) {

        static Step of(Action action, String id) {
            return new Step(action, id, List.of(), null);
        }
    }

    /** What a deploy will do, resource by resource. */
    record Plan(List<Step> steps) {

        public long count(Action action) {
            return steps.stream().filter(s -> s.action() == action).count();
        }

        public String total() {
            return String.format("Plan: %d to create, %d to change, %d unchanged, %d kept, %d to prune, %d spared%s.",
                    count(Action.CREATE), count(Action.CHANGE), count(Action.UNCHANGED), count(Action.KEEP),
                    count(Action.PRUNE), count(Action.SPARE),
                    count(Action.REFUSED) == 0 ? "" : ", " + count(Action.REFUSED) + " refused by the API server");
        }
    }

    /**
     * How to deploy.
     *
     * @param dryRun    show the plan and change nothing
     * @param pruneData let a prune delete Secrets and PersistentVolumeClaims too
     * @param waitFor   how long to wait for the system to converge; empty: do not wait
     * @param poll      how often to look while waiting
     */
    public record Options(boolean dryRun, boolean pruneData, Optional<Duration> waitFor, Duration poll) {

        public static Options applyOnly() {
            return new Options(false, false, Optional.empty(), Duration.ofSeconds(2));
        }
    }

    /**
     * What a deploy did: resources applied because they differed from the cluster's, resources already as the
     * bundle has them, generated Secrets created, generated Secrets kept, members pruned.
     */
    public record Outcome(int applied, int unchanged, int created, int kept, int pruned) {
    }

    private final KubernetesClient client;
    private final Consumer<String> log;

    public ClusterDeployer(KubernetesClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** The data of the Secrets that already exist in the namespace, decoded, by Secret name. */
    public Map<String, Map<String, String>> existingSecrets() {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Secret secret : client.secrets().inNamespace(Bundle.NAMESPACE).list().getItems()) {
            Map<String, String> data = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((key, value) ->
                        data.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
            }
            if (secret.getStringData() != null) {
                data.putAll(secret.getStringData());
            }
            secrets.put(secret.getMetadata().getName(), data);
        }
        return secrets;
    }

    /** Deploys the whole system without waiting. */
    public Outcome deploy(Bundle bundle) {
        return deploy(bundle, Optional.empty(), Options.applyOnly());
    }

    /**
     * Plans, then (unless a dry run) applies, prunes and waits.
     *
     * @param owners the services deployed alone, whose members only are pruned; empty for the whole system
     */
    public Outcome deploy(Bundle bundle, Optional<Set<String>> owners, Options options) {
        List<HasMetadata> desired = new ArrayList<>();
        for (Resource resource : bundle.resources()) {
            desired.add(typed(resource));
        }
        Plan plan = plan(bundle, desired, owners, options.pruneData());
        print(plan);
        List<Step> refused = plan.steps().stream().filter(step -> step.action() == Action.REFUSED).toList();
        if (!refused.isEmpty()) {
            throw new BundleException("The API server refused " + refused.size() + " of " + desired.size()
                    + " resources in the dry run, so nothing was changed:\n" + String.join("\n",
                            refused.stream().map(step -> "  " + step.id() + ": " + step.changes().get(0)).toList()));
        }
        int unchanged = (int) plan.count(Action.UNCHANGED);
        int kept = (int) plan.count(Action.KEEP);
        if (options.dryRun()) {
            log.accept("Dry run: nothing was changed.");
            return new Outcome(0, unchanged, 0, kept, 0);
        }
        ConfigMap previous = client.configMaps().inNamespace(Bundle.NAMESPACE).withName(ApplySet.PARENT_NAME).get();
        Set<String> kinds = new TreeSet<>(ApplySet.groupKinds(previous));
        kinds.addAll(groupKinds(bundle));
        List<Resource> resources = bundle.resources();
        int applied = 0;
        int created = 0;
        boolean recorded = false;
        for (int i = 0; i < resources.size(); i++) {
            if (!recorded && !"Namespace".equals(resources.get(i).kind())) {
                // The parent lives in the namespace; it is recorded before the members change, so that an interrupted
                // deploy can still be pruned by the next one.
                applyParent(kinds, bundle);
                recorded = true;
            }
            Step step = plan.steps().get(i);
            if (step.action() == Action.CREATE || step.action() == Action.CHANGE) {
                if (isGenerated(resources.get(i))) {
                    client.resource(desired.get(i)).create();
                    log.accept("created   " + step.id());
                    created++;
                } else {
                    apply(desired.get(i));
                    log.accept("applied   " + step.id());
                    applied++;
                }
            }
        }
        if (!recorded) {
            applyParent(kinds, bundle);
        }
        int pruned = 0;
        Set<String> spared = new TreeSet<>();
        for (Step step : plan.steps()) {
            if (step.action() == Action.PRUNE) {
                client.resource(step.leftover()).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                log.accept("pruned    " + step.id());
                pruned++;
            } else if (step.action() == Action.SPARE) {
                spared.add(ApplySet.groupKind(step.leftover().getApiVersion(), step.leftover().getKind()));
            }
        }
        if (owners.isEmpty()) {
            // The set now lists what the bundle holds, and the kinds of what was spared, so that it can still be pruned.
            Set<String> current = new TreeSet<>(groupKinds(bundle));
            current.addAll(spared);
            applyParent(current, bundle);
        }
        options.waitFor().ifPresent(timeout -> new Convergence(client, log, timeout, options.poll()).await(bundle.resources()));
        return new Outcome(applied, unchanged, created, kept, pruned);
    }

    private static Set<String> groupKinds(Bundle bundle) {
        Set<String> kinds = new TreeSet<>();
        bundle.resources().stream().filter(ApplySet::member).map(ApplySet::groupKind).forEach(kinds::add);
        return kinds;
    }

    private void print(Plan plan) {
        for (Step step : plan.steps()) {
            StringBuilder line = new StringBuilder(String.format("%-9s %s", step.action().word, step.id()));
            switch (step.action()) {
                case KEEP -> line.append(" (generated values exist; never overwritten)");
                case PRUNE -> line.append(" (no longer in the bundle)");
                case SPARE -> line.append(" (no longer in the bundle; it holds data or credentials: -DpruneData deletes it)");
                default -> {
                }
            }
            log.accept(line.toString());
            step.changes().forEach(change -> log.accept("            " + change));
        }
        log.accept(plan.total());
    }

    /** Resources in bundle order, then the set's members the bundle no longer holds. */
    private Plan plan(Bundle bundle, List<HasMetadata> desired, Optional<Set<String>> owners, boolean pruneData) {
        List<Step> steps = new ArrayList<>();
        // In a namespace that does not exist yet, an API server refuses even a dry run: everything is to be created.
        boolean namespaceExists = client.namespaces().withName(Bundle.NAMESPACE).get() != null;
        for (int i = 0; i < desired.size(); i++) {
            Resource resource = bundle.resources().get(i);
            HasMetadata wanted = desired.get(i);
            if (!namespaceExists && !"Namespace".equals(resource.kind())) {
                steps.add(Step.of(Action.CREATE, resource.id()));
                continue;
            }
            HasMetadata live = client.resource(wanted).get();
            if (isGenerated(resource)) {
                steps.add(Step.of(live != null ? Action.KEEP : Action.CREATE, resource.id()));
                continue;
            }
            HasMetadata after;
            try {
                after = client.resource(wanted).dryRun().fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            } catch (KubernetesClientException e) {
                if (immutableJob(e, wanted) && live != null) {
                    steps.add(new Step(Action.CHANGE, resource.id(), List.of("replaced: " + e.getStatus().getMessage()), null));
                    continue;
                }
                if (e.getCode() < 400 || e.getCode() >= 500) {
                    throw e; // not a refusal of this object: the cluster could not be asked
                }
                steps.add(new Step(Action.REFUSED, resource.id(), List.of(reason(resource, e)), null));
                continue;
            }
            if (live == null) {
                steps.add(Step.of(Action.CREATE, resource.id()));
                continue;
            }
            List<String> changes = new ArrayList<>();
            FieldDiff.between(comparable(live), comparable(after), "Secret".equals(resource.kind()), changes);
            steps.add(changes.isEmpty() ? Step.of(Action.UNCHANGED, resource.id())
                    : new Step(Action.CHANGE, resource.id(), changes, null));
        }
        Set<String> inBundle = new LinkedHashSet<>();
        bundle.resources().forEach(r -> inBundle.add(r.id()));
        ConfigMap parent = client.configMaps().inNamespace(Bundle.NAMESPACE).withName(ApplySet.PARENT_NAME).get();
        for (String groupKind : ApplySet.groupKinds(parent)) {
            for (GenericKubernetesResource member : members(groupKind)) {
                String id = member.getKind() + "/" + member.getMetadata().getName();
                String owner = member.getMetadata().getLabels() == null ? null
                        : member.getMetadata().getLabels().get(Resource.NAME_LABEL);
                if (inBundle.contains(id) || owners.isPresent() && !owners.get().contains(owner)) {
                    continue;
                }
                boolean data = ApplySet.DATA_KINDS.contains(member.getKind());
                steps.add(new Step(data && !pruneData ? Action.SPARE : Action.PRUNE, id, List.of(), member));
            }
        }
        return new Plan(steps);
    }

    /** The members of the set of one group-kind, as the cluster holds them. */
    private List<GenericKubernetesResource> members(String groupKind) {
        int dot = groupKind.indexOf('.');
        String kind = dot < 0 ? groupKind : groupKind.substring(0, dot);
        String group = dot < 0 ? "" : groupKind.substring(dot + 1);
        return client.genericKubernetesResources(apiVersion(group), kind).inNamespace(Bundle.NAMESPACE)
                .withLabel(ApplySet.PART_OF_LABEL, ApplySet.id()).list().getItems();
    }

    /** The version a pruned kind is listed at: the API server's preferred one, else the one this system uses. */
    private String apiVersion(String group) {
        if (group.isEmpty()) {
            return "v1";
        }
        try {
            var apiGroup = client.getApiGroup(group);
            if (apiGroup != null && apiGroup.getPreferredVersion() != null) {
                return apiGroup.getPreferredVersion().getGroupVersion();
            }
        } catch (KubernetesClientException e) {
            // Discovery refused: fall back on the versions this system's kinds use.
        }
        return group + "/" + switch (group) {
            case "autoscaling" -> "v2";
            default -> "v1";
        };
    }

    private void applyParent(Set<String> groupKinds, Bundle bundle) {
        String version = bundle.resources().stream().map(r -> String.valueOf(r.labels().get(Resource.VERSION_LABEL)))
                .filter(v -> !"null".equals(v)).findFirst().orElse("unknown");
        apply(ApplySet.parent(groupKinds, version));
    }

    private HasMetadata typed(Resource resource) {
        Map<String, Object> document = resource.document();
        if (ApplySet.member(resource)) {
            document = Yaml.copy(document);
            Resource.map(Resource.map(document, "metadata"), "labels").put(ApplySet.PART_OF_LABEL, ApplySet.id());
        }
        return client.getKubernetesSerialization().unmarshal(Yaml.write(document));
    }

    private void apply(HasMetadata resource) {
        try {
            client.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (immutableJob(e, resource)) {
                replace(resource, e);
                return;
            }
            throw refusal(resource.getKind() + "/" + resource.getMetadata().getName(), e);
        }
    }

    /** A Job whose pod template the API server refuses to change: it is replaced, not refused. */
    private static boolean immutableJob(KubernetesClientException e, HasMetadata resource) {
        return e.getCode() == 422 && resource instanceof Job && e.getStatus() != null && e.getStatus().getMessage() != null
                && e.getStatus().getMessage().contains("field is immutable");
    }

    /** Why the API server refused a resource in the dry run, in its words, with what to do where that is known. */
    private static String reason(Resource resource, KubernetesClientException e) {
        if (e.getCode() == 404) {
            // In an existing namespace, a 404 on apply means the API server serves no such kind.
            return "The API server does not know " + resource.apiVersion() + " " + resource.kind() + " (HTTP 404): install "
                    + "what the cluster needs first (the README's \"What the cluster needs first\": Gateway API's CRDs, the "
                    + "External Secrets Operator)";
        }
        if (e.getCode() == 415) {
            return "HTTP 415: the API server has no server-side apply; it needs Kubernetes 1.22 or later";
        }
        return "HTTP " + e.getCode() + ": "
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
    }

    private static BundleException refusal(String id, KubernetesClientException e) {
        if (e.getCode() == 415) {
            return new BundleException("The API server refused server-side apply of " + id + " (HTTP 415): it needs "
                    + "Kubernetes 1.22 or later");
        }
        return new BundleException("The API server refused " + id + " (HTTP " + e.getCode() + "): "
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
    }

    /**
     * A Job's pod template cannot change; a new one (a new image, say) replaces the old Job, which has done its
     * work: the init Job is idempotent and runs again.
     */
    private void replace(HasMetadata job, KubernetesClientException refusal) {
        log.accept("replacing " + job.getKind() + "/" + job.getMetadata().getName() + " (the API server refused the change: "
                + refusal.getStatus().getMessage() + ")");
        client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        for (int second = 0; second < 60 && client.resource(job).get() != null; second++) {
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while " + job.getMetadata().getName() + " was being removed", e);
            }
        }
        client.resource(job).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /** The object as the plan compares it: without what the API server keeps for itself. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> comparable(HasMetadata resource) {
        Map<String, Object> map = client.getKubernetesSerialization().convertValue(resource, Map.class);
        map.remove("status");
        Object metadata = map.get("metadata");
        if (metadata instanceof Map<?, ?> fields) {
            for (String key : List.of("managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink")) {
                fields.remove(key);
            }
        }
        return map;
    }

    private static boolean isGenerated(Resource resource) {
        Object annotations = resource.metadata().get("annotations");
        return "Secret".equals(resource.kind()) && annotations instanceof Map<?, ?> map
                && "true".equals(String.valueOf(map.get(SecretPlan.GENERATED_ANNOTATION)));
    }
}
