package io.salesorder.platform.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Everything a resource names exists in the bundle: config, secrets and their keys, pods, ports, services. */
final class ReferenceRules {

    private ReferenceRules() {
    }

    static List<Rule> all() {
        return List.of(
                new SimpleRule("references.config", "every ConfigMap, Secret and key a pod reads (env, envFrom, volumes) "
                        + "is defined by the bundle or produced by one of its ExternalSecrets; every claimed PVC exists", ReferenceRules::config),
                new SimpleRule("references.service", "every Service selects the pods of exactly one workload and targets "
                        + "ports its containers declare", ReferenceRules::services),
                new SimpleRule("references.ingress", "every Ingress backend names an existing Service and one of its ports",
                        ReferenceRules::ingresses),
                new SimpleRule("references.http-route", "every HTTPRoute backend names an existing Service and one of its "
                        + "port numbers, and every route attaches to a listener of its Gateway that admits it",
                        ReferenceRules::httpRoutes),
                new SimpleRule("references.statefulset", "every StatefulSet's serviceName is a headless Service",
                        ReferenceRules::statefulSets),
                new SimpleRule("references.scaling", "every autoscaler and disruption budget targets an existing workload",
                        ReferenceRules::scaling));
    }

    /** Whether a pod with {@code labels} is selected by {@code selector} (an empty selector selects nothing here). */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static List<Violation> config(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Set<String>> configMaps = manifests.configMapKeys();
        Map<String, Set<String>> secrets = manifests.secretKeys();
        Set<String> claims = new java.util.HashSet<>();
        manifests.all(PersistentVolumeClaim.class).forEach(c -> claims.add(c.getMetadata().getName()));
        for (Manifests.Workload workload : manifests.workloads()) {
            PodSpec pod = workload.template().getSpec();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container container : containers) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var cm = env.getValueFrom().getConfigMapKeyRef();
                    if (cm != null && !Boolean.TRUE.equals(cm.getOptional())) {
                        key(violations, workload, "ConfigMap", configMaps, cm.getName(), cm.getKey(), "env " + env.getName());
                    }
                    var secret = env.getValueFrom().getSecretKeyRef();
                    if (secret != null && !Boolean.TRUE.equals(secret.getOptional())) {
                        key(violations, workload, "Secret", secrets, secret.getName(), secret.getKey(), "env " + env.getName());
                    }
                }
                for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        key(violations, workload, "ConfigMap", configMaps, from.getConfigMapRef().getName(), null, "envFrom");
                    }
                    if (from.getSecretRef() != null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        key(violations, workload, "Secret", secrets, from.getSecretRef().getName(), null, "envFrom");
                    }
                }
            }
            for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
                if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    key(violations, workload, "ConfigMap", configMaps, volume.getConfigMap().getName(), null, "volume " + volume.getName());
                    for (KeyToPath item : items(volume.getConfigMap().getItems())) {
                        key(violations, workload, "ConfigMap", configMaps, volume.getConfigMap().getName(), item.getKey(),
                                "volume " + volume.getName());
                    }
                }
                if (volume.getSecret() != null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                    key(violations, workload, "Secret", secrets, volume.getSecret().getSecretName(), null, "volume " + volume.getName());
                    for (KeyToPath item : items(volume.getSecret().getItems())) {
                        key(violations, workload, "Secret", secrets, volume.getSecret().getSecretName(), item.getKey(),
                                "volume " + volume.getName());
                    }
                }
                if (volume.getPersistentVolumeClaim() != null && !claims.contains(volume.getPersistentVolumeClaim().getClaimName())) {
                    violations.add(new Violation(workload.id(), "references.config", "volume " + volume.getName()
                            + " claims PersistentVolumeClaim " + volume.getPersistentVolumeClaim().getClaimName()
                            + ", which the bundle does not define", "define the claim in the platform module"));
                }
            }
        }
        return violations;
    }

    private static List<KeyToPath> items(List<KeyToPath> items) {
        return items == null ? List.of() : items;
    }

    private static void key(List<Violation> violations, Manifests.Workload workload, String kind,
            Map<String, Set<String>> objects, String name, String key, String where) {
        Set<String> keys = objects.get(name);
        if (keys == null) {
            violations.add(new Violation(workload.id(), "references.config", where + " reads " + kind + " " + name
                    + ", which the bundle does not define", "define " + kind + " " + name + " in the platform module "
                            + "(config in base/, credentials in secrets.yml), or fix the name"));
        } else if (key != null && !keys.contains(key)) {
            violations.add(new Violation(workload.id(), "references.config", where + " reads key " + key + " of " + kind
                    + " " + name + ", which holds only " + keys, "add the key to " + kind + " " + name + ", or fix the key"));
        }
    }

    private static List<Violation> services(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Service service : manifests.all(Service.class)) {
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            String id = "Service/" + service.getMetadata().getName();
            if (selector == null || selector.isEmpty()) {
                violations.add(new Violation(id, "references.service", "selects no pods",
                        "give it the selector of the workload it fronts"));
                continue;
            }
            List<Manifests.Workload> selected = manifests.workloads().stream()
                    .filter(w -> w.longRunning() && selects(selector, w.podLabels())).toList();
            if (selected.size() != 1) {
                violations.add(new Violation(id, "references.service", "selects the pods of " + selected.size()
                        + " workloads " + selected.stream().map(Manifests.Workload::id).toList() + " with " + selector,
                        "make its selector match the pod labels of exactly one workload"));
                continue;
            }
            List<ContainerPort> ports = new ArrayList<>();
            selected.get(0).template().getSpec().getContainers().forEach(c -> {
                if (c.getPorts() != null) {
                    ports.addAll(c.getPorts());
                }
            });
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
                boolean found = ports.stream().anyMatch(p -> target.getStrVal() != null
                        ? target.getStrVal().equals(p.getName())
                        : target.getIntVal().equals(p.getContainerPort()));
                if (!found) {
                    violations.add(new Violation(id, "references.service", "port " + port.getName() + " targets "
                            + (target.getStrVal() != null ? target.getStrVal() : target.getIntVal())
                            + ", which no container of " + selected.get(0).id() + " declares",
                            "target a declared container port (by name or number)"));
                }
            }
        }
        return violations;
    }

    private static List<Violation> ingresses(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Ingress ingress : manifests.all(Ingress.class)) {
            String id = "Ingress/" + ingress.getMetadata().getName();
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    if (backend == null) {
                        violations.add(new Violation(id, "references.ingress", "path " + path.getPath() + " has no service backend",
                                "route it to one of the services"));
                        continue;
                    }
                    var service = manifests.find(Service.class, backend.getName());
                    if (service.isEmpty()) {
                        violations.add(new Violation(id, "references.ingress", "path " + path.getPath() + " routes to Service "
                                + backend.getName() + ", which the bundle does not define", "fix the service name"));
                        continue;
                    }
                    boolean portFound = service.get().getSpec().getPorts().stream().anyMatch(p ->
                            backend.getPort().getName() != null ? backend.getPort().getName().equals(p.getName())
                                    : backend.getPort().getNumber().equals(p.getPort()));
                    if (!portFound) {
                        violations.add(new Violation(id, "references.ingress", "path " + path.getPath() + " routes to port "
                                + (backend.getPort().getName() != null ? backend.getPort().getName() : backend.getPort().getNumber())
                                + " of Service " + backend.getName() + ", which it does not have",
                                "name one of the Service's ports"));
                    }
                }
            }
        }
        return violations;
    }

    private static List<Violation> httpRoutes(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (HTTPRoute route : manifests.all(HTTPRoute.class)) {
            String id = "HTTPRoute/" + route.getMetadata().getName();
            List<HTTPRouteRule> rules = route.getSpec().getRules() == null ? List.of() : route.getSpec().getRules();
            for (HTTPRouteRule rule : rules) {
                for (HTTPBackendRef backend : rule.getBackendRefs() == null ? List.<HTTPBackendRef>of() : rule.getBackendRefs()) {
                    if (backend.getKind() != null && !"Service".equals(backend.getKind()) || backend.getNamespace() != null) {
                        violations.add(new Violation(id, "references.http-route", "routes to " + backend.getKind() + " "
                                + backend.getNamespace() + "/" + backend.getName() + ", outside the bundle's Services",
                                "route to a Service of the bundle"));
                        continue;
                    }
                    var service = manifests.find(Service.class, backend.getName());
                    if (service.isEmpty()) {
                        violations.add(new Violation(id, "references.http-route", "routes to Service " + backend.getName()
                                + ", which the bundle does not define", "fix the service name"));
                    } else if (backend.getPort() == null || service.get().getSpec().getPorts().stream()
                            .noneMatch(p -> backend.getPort().equals(p.getPort()))) {
                        violations.add(new Violation(id, "references.http-route", "routes to port " + backend.getPort()
                                + " of Service " + backend.getName() + ", which it does not have",
                                "give the number of one of the Service's ports (a Service backend needs one)"));
                    }
                }
            }
            List<ParentReference> parents = route.getSpec().getParentRefs() == null ? List.of() : route.getSpec().getParentRefs();
            if (parents.isEmpty()) {
                violations.add(new Violation(id, "references.http-route", "attaches to no Gateway", "add a parentRef"));
            }
            for (ParentReference parent : parents) {
                if (parent.getNamespace() != null && !parent.getNamespace().equals(route.getMetadata().getNamespace())) {
                    continue; // a shared Gateway: the cluster team's listener decides, which no bundle can show
                }
                var gateway = manifests.find(Gateway.class, parent.getName());
                if (gateway.isEmpty()) {
                    violations.add(new Violation(id, "references.http-route", "attaches to Gateway " + parent.getName()
                            + ", which the bundle does not define", "name the bundle's Gateway, or a shared one with its namespace"));
                    continue;
                }
                List<Listener> listeners = gateway.get().getSpec().getListeners().stream()
                        .filter(l -> parent.getSectionName() == null || parent.getSectionName().equals(l.getName()))
                        .toList();
                if (listeners.isEmpty()) {
                    violations.add(new Violation(id, "references.http-route", "attaches to listener " + parent.getSectionName()
                            + " of Gateway " + parent.getName() + ", which it does not have", "name one of its listeners"));
                } else if (listeners.stream().noneMatch(l -> admits(l, route))) {
                    violations.add(new Violation(id, "references.http-route", "is admitted by no listener of Gateway "
                            + parent.getName() + (parent.getSectionName() == null ? "" : " (" + parent.getSectionName() + ")"),
                            "match the listener's protocol (HTTP or HTTPS), allowed kinds and namespaces, and hostname"));
                }
            }
        }
        return violations;
    }

    /** Whether a listener accepts an HTTPRoute of the Gateway's own namespace for at least one of its hostnames. */
    private static boolean admits(Listener listener, HTTPRoute route) {
        if (!"HTTP".equals(listener.getProtocol()) && !"HTTPS".equals(listener.getProtocol())) {
            return false;
        }
        AllowedRoutes allowed = listener.getAllowedRoutes();
        if (allowed != null && allowed.getKinds() != null && !allowed.getKinds().isEmpty()
                && allowed.getKinds().stream().noneMatch(k -> "HTTPRoute".equals(k.getKind()))) {
            return false;
        }
        String from = allowed == null || allowed.getNamespaces() == null || allowed.getNamespaces().getFrom() == null
                ? "Same" : allowed.getNamespaces().getFrom();
        if (!List.of("Same", "All", "Selector").contains(from)) {
            return false;
        }
        List<String> hostnames = route.getSpec().getHostnames();
        String hostname = listener.getHostname();
        if (hostname == null || hostnames == null || hostnames.isEmpty()) {
            return true;
        }
        return hostnames.stream().anyMatch(h -> h.equals(hostname)
                || hostname.startsWith("*.") && h.endsWith(hostname.substring(1))
                || h.startsWith("*.") && hostname.endsWith(h.substring(1)));
    }

    private static List<Violation> statefulSets(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (StatefulSet set : manifests.all(StatefulSet.class)) {
            String name = set.getSpec().getServiceName();
            var service = name == null ? java.util.Optional.<Service>empty() : manifests.find(Service.class, name);
            if (service.isEmpty() || !"None".equals(service.get().getSpec().getClusterIP())) {
                violations.add(new Violation("StatefulSet/" + set.getMetadata().getName(), "references.statefulset",
                        "serviceName " + name + " is not a headless Service of the bundle",
                        "define Service " + name + " with clusterIP: None (and publishNotReadyAddresses: true)"));
            }
        }
        return violations;
    }

    private static List<Violation> scaling(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            boolean exists = manifests.workloads().stream()
                    .anyMatch(w -> w.kind().equals(target.getKind()) && w.name().equals(target.getName()));
            if (!exists) {
                violations.add(new Violation("HorizontalPodAutoscaler/" + hpa.getMetadata().getName(), "references.scaling",
                        "scales " + target.getKind() + "/" + target.getName() + ", which the bundle does not define",
                        "fix scaleTargetRef"));
            }
        }
        for (PodDisruptionBudget pdb : manifests.all(PodDisruptionBudget.class)) {
            Map<String, String> selector = pdb.getSpec().getSelector() == null ? null : pdb.getSpec().getSelector().getMatchLabels();
            long selected = manifests.workloads().stream().filter(w -> selects(selector, w.podLabels())).count();
            if (selected != 1) {
                violations.add(new Violation("PodDisruptionBudget/" + pdb.getMetadata().getName(), "references.scaling",
                        "selects the pods of " + selected + " workloads", "match the pod labels of exactly one workload"));
            }
        }
        return violations;
    }
}
