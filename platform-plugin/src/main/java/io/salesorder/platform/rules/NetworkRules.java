package io.salesorder.platform.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.Service;
import io.salesorder.platform.bundle.Resource;

/**
 * Default deny for the namespace, then allow-lists: the ingress controller reaches the services, each service
 * reaches only its own datastore, every pod may resolve names.
 */
final class NetworkRules {

    static final String INGRESS_NAMESPACE = "ingress-nginx";

    private NetworkRules() {
    }

    /**
     * @param clientsOf  for each datastore, the only workloads that may connect to it
     * @param datastores for each service, its own datastore
     */
    static List<Rule> all(Map<String, Set<String>> clientsOf, Map<String, String> datastoreOf) {
        return List.of(
                new SimpleRule("network.default-deny", "a NetworkPolicy denies all ingress and egress in the namespace",
                        NetworkRules::defaultDeny),
                new SimpleRule("network.dns", "a NetworkPolicy lets every pod resolve names (egress to port 53, UDP and TCP)",
                        NetworkRules::dns),
                new SimpleRule("network.ingress-controller", "the ingress controller (namespace " + INGRESS_NAMESPACE
                        + ") may reach every Service the Ingress routes to", NetworkRules::ingressController),
                new SimpleRule("network.datastore-isolation", "each datastore accepts only its own service (and its peers); "
                        + "each service reaches no other service's datastore", m -> isolation(m, clientsOf, datastoreOf)));
    }

    private static boolean selectsAll(NetworkPolicy policy) {
        LabelSelector selector = policy.getSpec().getPodSelector();
        return selector == null || (empty(selector.getMatchLabels()) && empty(selector.getMatchExpressions()));
    }

    private static boolean empty(java.util.Collection<?> c) {
        return c == null || c.isEmpty();
    }

    private static boolean empty(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }

    private static List<Violation> defaultDeny(Manifests manifests) {
        boolean found = manifests.all(NetworkPolicy.class).stream().anyMatch(p -> selectsAll(p)
                && p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && empty(p.getSpec().getIngress()) && empty(p.getSpec().getEgress()));
        return found ? List.of() : List.of(new Violation("Namespace/sales-order", "network.default-deny",
                "no NetworkPolicy denies traffic by default", "add a NetworkPolicy with podSelector: {}, "
                        + "policyTypes [Ingress, Egress] and no rules"));
    }

    private static List<Violation> dns(Manifests manifests) {
        boolean udp = false;
        boolean tcp = false;
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            if (!selectsAll(policy) || policy.getSpec().getEgress() == null) {
                continue;
            }
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                for (NetworkPolicyPort port : rule.getPorts() == null ? List.<NetworkPolicyPort>of() : rule.getPorts()) {
                    if (port.getPort() != null && Integer.valueOf(53).equals(port.getPort().getIntVal())) {
                        udp |= "UDP".equals(port.getProtocol());
                        tcp |= port.getProtocol() == null || "TCP".equals(port.getProtocol());
                    }
                }
            }
        }
        return udp && tcp ? List.of() : List.of(new Violation("Namespace/sales-order", "network.dns",
                "no NetworkPolicy lets the pods resolve names over " + (udp ? "TCP" : tcp ? "UDP" : "UDP and TCP"),
                "allow egress from podSelector: {} to port 53 over UDP and TCP"));
    }

    private static List<Violation> ingressController(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Ingress ingress : manifests.all(Ingress.class)) {
            for (var rule : ingress.getSpec().getRules()) {
                if (rule.getHttp() == null) {
                    continue;
                }
                for (var path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    if (backend == null) {
                        continue;
                    }
                    var service = manifests.find(Service.class, backend.getName());
                    if (service.isEmpty()) {
                        continue;
                    }
                    Map<String, String> pods = service.get().getSpec().getSelector();
                    boolean allowed = manifests.all(NetworkPolicy.class).stream()
                            .filter(p -> !selectsAll(p) && ReferenceRules.selects(p.getSpec().getPodSelector().getMatchLabels(), pods))
                            .flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty() : p.getSpec().getIngress().stream())
                            .flatMap(r -> r.getFrom() == null ? java.util.stream.Stream.empty() : r.getFrom().stream())
                            .anyMatch(NetworkRules::isIngressController);
                    if (!allowed) {
                        violations.add(new Violation("Service/" + backend.getName(), "network.ingress-controller",
                                "the ingress controller cannot reach its pods through the default deny",
                                "allow ingress from namespaceSelector kubernetes.io/metadata.name: " + INGRESS_NAMESPACE));
                    }
                }
            }
        }
        return violations;
    }

    private static boolean isIngressController(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null && peer.getNamespaceSelector().getMatchLabels() != null
                && INGRESS_NAMESPACE.equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
    }

    private static List<Violation> isolation(Manifests manifests, Map<String, Set<String>> clientsOf,
            Map<String, String> datastoreOf) {
        List<Violation> violations = new ArrayList<>();
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            if (selectsAll(policy)) {
                if (!empty(policy.getSpec().getIngress())) {
                    violations.add(new Violation("NetworkPolicy/" + policy.getMetadata().getName(), "network.datastore-isolation",
                            "allows ingress to every pod of the namespace", "select the pods it is meant for"));
                }
                continue;
            }
            String id = "NetworkPolicy/" + policy.getMetadata().getName();
            for (Manifests.Workload workload : manifests.workloads()) {
                if (!ReferenceRules.selects(policy.getSpec().getPodSelector().getMatchLabels(), workload.podLabels())) {
                    continue;
                }
                String owner = workload.podLabels().get(Resource.NAME_LABEL);
                Set<String> clients = clientsOf.get(owner);
                if (clients != null && policy.getSpec().getIngress() != null) {
                    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                        if (empty(rule.getFrom())) {
                            violations.add(new Violation(id, "network.datastore-isolation", "lets anyone reach " + owner,
                                    "allow only " + clients));
                            continue;
                        }
                        for (NetworkPolicyPeer peer : rule.getFrom()) {
                            String client = peer.getPodSelector() == null || peer.getPodSelector().getMatchLabels() == null
                                    ? null : peer.getPodSelector().getMatchLabels().get(Resource.NAME_LABEL);
                            if (peer.getNamespaceSelector() != null || peer.getIpBlock() != null || !clients.contains(client)) {
                                violations.add(new Violation(id, "network.datastore-isolation", "lets "
                                        + (client == null ? "pods outside the system" : client) + " reach " + owner,
                                        "allow only " + clients));
                            }
                        }
                    }
                }
                String own = datastoreOf.get(owner);
                if (datastoreOf.containsKey(owner) && policy.getSpec().getEgress() != null) {
                    for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                        if (empty(rule.getTo())) {
                            boolean dnsOnly = !empty(rule.getPorts()) && rule.getPorts().stream()
                                    .allMatch(p -> p.getPort() != null && new IntOrString(53).equals(p.getPort()));
                            if (!dnsOnly) {
                                violations.add(new Violation(id, "network.datastore-isolation", "lets " + owner
                                        + " reach any destination", "name the pods it may reach"));
                            }
                            continue;
                        }
                        for (NetworkPolicyPeer peer : rule.getTo()) {
                            String target = peer.getPodSelector() == null || peer.getPodSelector().getMatchLabels() == null
                                    ? null : peer.getPodSelector().getMatchLabels().get(Resource.NAME_LABEL);
                            if (clientsOf.containsKey(target) && !target.equals(own)) {
                                violations.add(new Violation(id, "network.datastore-isolation", "lets " + owner + " reach "
                                        + target + ", the datastore of another service", "remove that egress"));
                            }
                        }
                    }
                }
            }
        }
        return violations;
    }
}
