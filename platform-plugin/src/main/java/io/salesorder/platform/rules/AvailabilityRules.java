package io.salesorder.platform.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.salesorder.platform.bundle.Resource;

/** Replicas that survive node loss and drains, autoscaling that nothing fights, data that survives pods. */
final class AvailabilityRules {

    private AvailabilityRules() {
    }

    static List<Rule> all(Set<String> autoscaled) {
        return List.of(
                new SimpleRule("policy.spread", "every workload with two or more replicas spreads them (pod anti-affinity "
                        + "or topology spread)", AvailabilityRules::spread),
                new SimpleRule("policy.disruption-budget", "every long-running workload has a PodDisruptionBudget that "
                        + "still lets a drain proceed", AvailabilityRules::budgets),
                new SimpleRule("policy.autoscaling", "the services system.yml marks autoscaled have an autoscaling/v2 CPU "
                        + "autoscaler with minReplicas >= 2 and no replica count of their own",
                        m -> autoscaling(m, autoscaled)),
                new SimpleRule("policy.persistent-storage", "every datastore (a workload labelled "
                        + Resource.COMPONENT_LABEL + ": datastore) keeps its data on a PersistentVolumeClaim with a size",
                        AvailabilityRules::storage));
    }

    /** The replicas a workload runs with: its own count, or its autoscaler's minimum. */
    private static int replicas(Manifests manifests, Manifests.Workload workload) {
        Optional<HorizontalPodAutoscaler> hpa = autoscalerOf(manifests, workload);
        if (hpa.isPresent()) {
            Integer min = hpa.get().getSpec().getMinReplicas();
            return min == null ? 1 : min;
        }
        return workload.replicas() == null ? 1 : workload.replicas();
    }

    private static Optional<HorizontalPodAutoscaler> autoscalerOf(Manifests manifests, Manifests.Workload workload) {
        return manifests.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec() != null && h.getSpec().getScaleTargetRef() != null
                        && workload.kind().equals(h.getSpec().getScaleTargetRef().getKind())
                        && workload.name().equals(h.getSpec().getScaleTargetRef().getName()))
                .findFirst();
    }

    private static List<Violation> spread(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            if (!workload.longRunning() || replicas(manifests, workload) < 2) {
                continue;
            }
            PodSpec pod = workload.template().getSpec();
            boolean antiAffinity = pod.getAffinity() != null && pod.getAffinity().getPodAntiAffinity() != null;
            boolean topology = pod.getTopologySpreadConstraints() != null && !pod.getTopologySpreadConstraints().isEmpty();
            if (!antiAffinity && !topology) {
                violations.add(new Violation(workload.id(), "policy.spread", "its " + replicas(manifests, workload)
                        + " replicas may all land on one node", "add topologySpreadConstraints over kubernetes.io/hostname"));
            }
        }
        return violations;
    }

    private static List<Violation> budgets(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            if (!workload.longRunning()) {
                continue;
            }
            List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class).stream()
                    .filter(p -> p.getSpec().getSelector() != null
                            && ReferenceRules.selects(p.getSpec().getSelector().getMatchLabels(), workload.podLabels()))
                    .toList();
            if (budgets.isEmpty()) {
                violations.add(new Violation(workload.id(), "policy.disruption-budget", "no PodDisruptionBudget protects it",
                        "add a PodDisruptionBudget with maxUnavailable: 1 selecting its pods"));
                continue;
            }
            int replicas = replicas(manifests, workload);
            for (PodDisruptionBudget budget : budgets) {
                IntOrString minAvailable = budget.getSpec().getMinAvailable();
                IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
                boolean blocksDrains = minAvailable != null && minAvailable.getIntVal() != null && minAvailable.getIntVal() >= replicas
                        || maxUnavailable != null && maxUnavailable.getIntVal() != null && maxUnavailable.getIntVal() == 0;
                if (blocksDrains) {
                    violations.add(new Violation(workload.id(), "policy.disruption-budget", "PodDisruptionBudget/"
                            + budget.getMetadata().getName() + " allows no disruption at " + replicas + " replica(s)",
                            "use maxUnavailable: 1, or a minAvailable below the replica count"));
                }
            }
        }
        return violations;
    }

    private static List<Violation> autoscaling(Manifests manifests, Set<String> autoscaled) {
        List<Violation> violations = new ArrayList<>();
        for (String service : autoscaled) {
            Optional<Deployment> deployment = manifests.find(Deployment.class, service);
            if (deployment.isEmpty()) {
                continue;
            }
            String id = "Deployment/" + service;
            Optional<HorizontalPodAutoscaler> hpa = manifests.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                            && service.equals(h.getSpec().getScaleTargetRef().getName()))
                    .findFirst();
            if (hpa.isEmpty()) {
                violations.add(new Violation(id, "policy.autoscaling", "has no HorizontalPodAutoscaler",
                        "add an autoscaling/v2 HorizontalPodAutoscaler on CPU in the platform module"));
                continue;
            }
            Resource source = manifests.resource("HorizontalPodAutoscaler", hpa.get().getMetadata().getName()).orElseThrow();
            String hpaId = source.id();
            if (!"autoscaling/v2".equals(source.apiVersion())) {
                violations.add(new Violation(hpaId, "policy.autoscaling", "uses " + source.apiVersion(), "use autoscaling/v2"));
            }
            Integer min = hpa.get().getSpec().getMinReplicas();
            if (min == null || min < 2 || hpa.get().getSpec().getMaxReplicas() < min) {
                violations.add(new Violation(hpaId, "policy.autoscaling", "scales between " + min + " and "
                        + hpa.get().getSpec().getMaxReplicas() + " replicas", "set minReplicas >= 2 and maxReplicas >= minReplicas"));
            }
            List<MetricSpec> metrics = hpa.get().getSpec().getMetrics() == null ? List.of() : hpa.get().getSpec().getMetrics();
            boolean cpu = metrics.stream().anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()));
            if (!cpu) {
                violations.add(new Violation(hpaId, "policy.autoscaling", "does not scale on CPU",
                        "add a Resource metric on cpu with an averageUtilization target"));
            }
            if (deployment.get().getSpec().getReplicas() != null) {
                violations.add(new Violation(id, "policy.autoscaling", "sets spec.replicas while an autoscaler owns it: "
                        + "every deploy would reset the autoscaler's count", "leave spec.replicas out of the applied manifest"));
            }
        }
        return violations;
    }

    private static List<Violation> storage(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        Map<String, PersistentVolumeClaim> claims = new java.util.HashMap<>();
        manifests.all(PersistentVolumeClaim.class).forEach(c -> claims.put(c.getMetadata().getName(), c));
        for (PersistentVolumeClaim claim : claims.values()) {
            if (!sized(claim.getSpec())) {
                violations.add(new Violation("PersistentVolumeClaim/" + claim.getMetadata().getName(),
                        "policy.persistent-storage", "requests no storage size", "set spec.resources.requests.storage"));
            }
        }
        for (Manifests.Workload workload : manifests.workloads()) {
            if (!workload.longRunning() || !workload.datastore()) {
                continue;
            }
            boolean persistent = false;
            if (workload.resource() instanceof StatefulSet set && set.getSpec().getVolumeClaimTemplates() != null) {
                for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
                    persistent = true;
                    if (!sized(template.getSpec())) {
                        violations.add(new Violation(workload.id(), "policy.persistent-storage", "volume claim template "
                                + template.getMetadata().getName() + " requests no storage size",
                                "set spec.resources.requests.storage"));
                    }
                }
            }
            List<Volume> volumes = workload.template().getSpec().getVolumes();
            persistent |= volumes != null && volumes.stream().anyMatch(v -> v.getPersistentVolumeClaim() != null);
            if (!persistent) {
                violations.add(new Violation(workload.id(), "policy.persistent-storage", "keeps its data on no persistent "
                        + "volume: a rescheduled pod starts empty", "mount a PersistentVolumeClaim (volumeClaimTemplates "
                                + "for a StatefulSet)"));
            }
        }
        return violations;
    }

    private static boolean sized(PersistentVolumeClaimSpec spec) {
        return spec != null && spec.getResources() != null && spec.getResources().getRequests() != null
                && spec.getResources().getRequests().containsKey("storage");
    }
}
