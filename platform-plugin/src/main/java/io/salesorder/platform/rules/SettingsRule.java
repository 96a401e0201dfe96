package io.salesorder.platform.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;

/**
 * Every setting a workload (a service, the platform's Job) reads in production (a {@code ${NAME}} without default in its application.properties)
 * reaches its container: as an env entry, or as a key of a ConfigMap or Secret it takes in whole.
 */
final class SettingsRule {

    private SettingsRule() {
    }

    static Rule of(Map<String, Set<String>> required) {
        return new SimpleRule("references.settings", "every setting a service reads in production is provided by its "
                + "ConfigMap or Secret", manifests -> check(manifests, required));
    }

    private static List<Violation> check(Manifests manifests, Map<String, Set<String>> required) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Set<String>> configMaps = manifests.configMapKeys();
        Map<String, Set<String>> secrets = manifests.secretKeys();
        required.forEach((workloadName, names) -> manifests.workloads().stream()
                .filter(w -> w.name().equals(workloadName)).findFirst().ifPresent(workload -> {
            Container container = workload.template().getSpec().getContainers().get(0);
            Set<String> provided = new TreeSet<>();
            for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                provided.add(env.getName());
            }
            for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    provided.addAll(configMaps.getOrDefault(from.getConfigMapRef().getName(), Set.of()));
                }
                if (from.getSecretRef() != null) {
                    provided.addAll(secrets.getOrDefault(from.getSecretRef().getName(), Set.of()));
                }
            }
            for (String name : names) {
                if (!provided.contains(name)) {
                    violations.add(new Violation(workload.id(), "references.settings", "reads " + name
                            + " in production, but neither its env nor its ConfigMap or Secret provides it",
                            "add " + name + " to the ConfigMap (base/) or Secret (secrets.yml) it reads"));
                }
            }
        }));
        return violations;
    }
}
