package io.salesorder.platform.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * The container and pod policies that kube-score, Polaris and kube-linter check by default: resources, pinned
 * images, probes, a hardened security context, no service account token, no secret in plain sight.
 */
final class PolicyRules {

    static final int MIN_ID = 10000;
    private static final List<String> RESOURCES = List.of("cpu", "memory", "ephemeral-storage");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|private|credential|api_?key).*");
    private static final Pattern SECRET_VALUE = Pattern.compile("(?s).*(-----BEGIN [A-Z ]*PRIVATE KEY-----|eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}).*");

    private PolicyRules() {
    }

    static List<Rule> all() {
        return List.of(
                new SimpleRule("policy.resources", "every container requests and limits CPU, memory and ephemeral storage",
                        PolicyRules::resources),
                new SimpleRule("policy.image-tag", "every image is pinned to a tag or digest, never latest", PolicyRules::images),
                new SimpleRule("policy.probes", "every long-running app container has readiness, liveness and startup probes, "
                        + "and readiness differs from liveness", PolicyRules::probes),
                new SimpleRule("policy.non-root", "pods run as non-root with a UID and GID of at least " + MIN_ID,
                        PolicyRules::nonRoot),
                new SimpleRule("policy.container-security", "every container: allowPrivilegeEscalation false, "
                        + "readOnlyRootFilesystem true with an emptyDir on /tmp, capabilities drop ALL, seccomp RuntimeDefault",
                        PolicyRules::containerSecurity),
                new SimpleRule("policy.service-account-token", "pods do not mount a service account token "
                        + "(automountServiceAccountToken: false)", PolicyRules::serviceAccountToken),
                new SimpleRule("policy.secret-literals", "no password, token or key as a literal in an env value or a ConfigMap",
                        PolicyRules::secretLiterals));
    }

    private static List<Container> allContainers(PodSpec pod) {
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        return containers;
    }

    private static List<Violation> resources(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            for (Container container : allContainers(workload.template().getSpec())) {
                Map<String, Quantity> requests = container.getResources() == null ? null : container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources() == null ? null : container.getResources().getLimits();
                for (String resource : RESOURCES) {
                    if (requests == null || !requests.containsKey(resource)) {
                        violations.add(new Violation(workload.id(), "policy.resources", "container " + container.getName()
                                + " requests no " + resource, "set resources.requests." + resource));
                    }
                    if (limits == null || !limits.containsKey(resource)) {
                        violations.add(new Violation(workload.id(), "policy.resources", "container " + container.getName()
                                + " has no " + resource + " limit", "set resources.limits." + resource));
                    }
                }
            }
        }
        return violations;
    }

    private static List<Violation> images(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            for (Container container : allContainers(workload.template().getSpec())) {
                String image = Objects.toString(container.getImage(), "");
                String last = image.substring(image.lastIndexOf('/') + 1);
                boolean pinned = image.contains("@sha256:") || (last.contains(":") && !last.endsWith(":latest"));
                if (!pinned) {
                    violations.add(new Violation(workload.id(), "policy.image-tag", "container " + container.getName()
                            + " runs image " + image + " without a pinned tag", "pin a version tag or a digest"));
                }
            }
        }
        return violations;
    }

    private static List<Violation> probes(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            if (!workload.longRunning()) {
                continue;
            }
            for (Container container : workload.template().getSpec().getContainers()) {
                String where = "container " + container.getName();
                if (container.getReadinessProbe() == null) {
                    violations.add(new Violation(workload.id(), "policy.probes", where + " has no readiness probe",
                            "add a readinessProbe that asks whether it can serve"));
                }
                if (container.getLivenessProbe() == null) {
                    violations.add(new Violation(workload.id(), "policy.probes", where + " has no liveness probe",
                            "add a livenessProbe that asks whether it is stuck"));
                }
                if (container.getStartupProbe() == null) {
                    violations.add(new Violation(workload.id(), "policy.probes", where + " has no startup probe",
                            "add a startupProbe so that slow starts are not killed by the liveness probe"));
                }
                if (container.getReadinessProbe() != null && container.getReadinessProbe().equals(container.getLivenessProbe())) {
                    violations.add(new Violation(workload.id(), "policy.probes", where + " has identical readiness and "
                            + "liveness probes: a dependency outage would restart it", "make liveness check only the process itself"));
                }
            }
        }
        return violations;
    }

    private static List<Violation> nonRoot(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            PodSecurityContext pod = workload.template().getSpec().getSecurityContext();
            for (Container container : allContainers(workload.template().getSpec())) {
                SecurityContext own = container.getSecurityContext();
                Boolean nonRoot = own != null && own.getRunAsNonRoot() != null ? own.getRunAsNonRoot()
                        : pod == null ? null : pod.getRunAsNonRoot();
                Long user = own != null && own.getRunAsUser() != null ? own.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
                Long group = own != null && own.getRunAsGroup() != null ? own.getRunAsGroup() : pod == null ? null : pod.getRunAsGroup();
                String where = "container " + container.getName();
                if (!Boolean.TRUE.equals(nonRoot)) {
                    violations.add(new Violation(workload.id(), "policy.non-root", where + " may run as root",
                            "set securityContext.runAsNonRoot: true"));
                }
                if (user == null || user < MIN_ID) {
                    violations.add(new Violation(workload.id(), "policy.non-root", where + " runs as UID " + user,
                            "set runAsUser to " + MIN_ID + " or more, so that it never shares a UID with the host"));
                }
                if (group == null || group < MIN_ID) {
                    violations.add(new Violation(workload.id(), "policy.non-root", where + " runs with GID " + group,
                            "set runAsGroup to " + MIN_ID + " or more"));
                }
            }
        }
        return violations;
    }

    private static List<Violation> containerSecurity(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            PodSpec podSpec = workload.template().getSpec();
            PodSecurityContext pod = podSpec.getSecurityContext();
            boolean podSeccomp = pod != null && pod.getSeccompProfile() != null
                    && List.of("RuntimeDefault", "Localhost").contains(pod.getSeccompProfile().getType());
            for (Container container : allContainers(podSpec)) {
                SecurityContext own = container.getSecurityContext();
                String where = "container " + container.getName();
                if (own == null || !Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
                    violations.add(new Violation(workload.id(), "policy.container-security", where
                            + " may escalate privileges", "set securityContext.allowPrivilegeEscalation: false"));
                }
                if (own == null || !Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
                    violations.add(new Violation(workload.id(), "policy.container-security", where
                            + " can write its root filesystem", "set securityContext.readOnlyRootFilesystem: true"));
                } else if (!mountsEmptyDirOnTmp(podSpec, container)) {
                    violations.add(new Violation(workload.id(), "policy.container-security", where
                            + " has a read-only root but no writable /tmp", "mount an emptyDir volume at /tmp"));
                }
                boolean dropsAll = own != null && own.getCapabilities() != null && own.getCapabilities().getDrop() != null
                        && own.getCapabilities().getDrop().contains("ALL");
                if (!dropsAll) {
                    violations.add(new Violation(workload.id(), "policy.container-security", where
                            + " keeps Linux capabilities", "set securityContext.capabilities.drop: [ALL]"));
                }
                boolean seccomp = podSeccomp || own != null && own.getSeccompProfile() != null
                        && List.of("RuntimeDefault", "Localhost").contains(own.getSeccompProfile().getType());
                if (!seccomp) {
                    violations.add(new Violation(workload.id(), "policy.container-security", where
                            + " runs without a seccomp profile", "set the pod's securityContext.seccompProfile.type: RuntimeDefault"));
                }
            }
        }
        return violations;
    }

    private static boolean mountsEmptyDirOnTmp(PodSpec pod, Container container) {
        if (container.getVolumeMounts() == null || pod.getVolumes() == null) {
            return false;
        }
        for (VolumeMount mount : container.getVolumeMounts()) {
            if ("/tmp".equals(mount.getMountPath())) {
                for (Volume volume : pod.getVolumes()) {
                    if (volume.getName().equals(mount.getName()) && volume.getEmptyDir() != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<Violation> serviceAccountToken(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            if (!Boolean.FALSE.equals(workload.template().getSpec().getAutomountServiceAccountToken())) {
                violations.add(new Violation(workload.id(), "policy.service-account-token",
                        "its pods mount a service account token they do not use",
                        "set spec.template.spec.automountServiceAccountToken: false"));
            }
        }
        return violations;
    }

    private static List<Violation> secretLiterals(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            for (Container container : allContainers(workload.template().getSpec())) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (env.getValue() != null && !env.getValue().isEmpty()
                            && (SECRET_NAME.matcher(env.getName()).matches() || SECRET_VALUE.matcher(env.getValue()).matches())) {
                        violations.add(new Violation(workload.id(), "policy.secret-literals", "container "
                                + container.getName() + " sets " + env.getName() + " to a literal value",
                                "read it from a Secret with valueFrom.secretKeyRef"));
                    }
                }
            }
        }
        for (ConfigMap map : manifests.all(ConfigMap.class)) {
            if (map.getData() == null) {
                continue;
            }
            map.getData().forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches() || SECRET_VALUE.matcher(value).matches()) {
                    violations.add(new Violation("ConfigMap/" + map.getMetadata().getName(), "policy.secret-literals",
                            "key " + key + " looks like a credential", "move it to the owner's Secret (secrets.yml)"));
                }
            });
        }
        return violations;
    }
}
