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
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.salesorder.platform.bundle.Edge;
import io.salesorder.platform.bundle.Resource;

/**
 * Default deny for the namespace, then allow-lists: the edge reaches the services it routes to, each service
 * reaches only its own datastore, every pod may resolve names.
 */
final class NetworkRules {

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
                new SimpleRule("network.ingress-controller", "the edge may reach every Service it routes to: an Ingress's "
                        + "controller namespace, a shared Gateway's namespace, or the data plane of the bundle's own Gateway "
                        + "(admitted by the Service's pods and let out by its own policy)", NetworkRules::edgeReachesServices),
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

    /**
     * Each Service an edge routes to admits that edge's pods: an Ingress's controller by its namespace; an HTTPRoute's
     * Gateway by its namespace when the cluster team shares it, or by the pods provisioned for the bundle's own Gateway,
     * which their own policy must then let out to the Service's pods.
     */
    private static List<Violation> edgeReachesServices(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Ingress ingress : manifests.all(Ingress.class)) {
            for (var rule : ingress.getSpec().getRules()) {
                for (var path : rule.getHttp() == null ? List.<io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath>of()
                        : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    Map<String, String> pods = backend == null ? null : podsOf(manifests, backend.getName());
                    if (pods != null && !admits(manifests, pods, NetworkRules::isNamespace)) {
                        violations.add(new Violation("Service/" + backend.getName(), "network.ingress-controller",
                                "the ingress controller of Ingress/" + ingress.getMetadata().getName()
                                        + " cannot reach its pods through the default deny",
                                "allow ingress from the controller's namespace (namespaceSelector kubernetes.io/metadata.name)"));
                    }
                }
            }
        }
        for (HTTPRoute route : manifests.all(HTTPRoute.class)) {
            for (var rule : route.getSpec().getRules() == null ? List.<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule>of()
                    : route.getSpec().getRules()) {
                for (var backend : rule.getBackendRefs() == null ? List.<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef>of()
                        : rule.getBackendRefs()) {
                    Map<String, String> pods = podsOf(manifests, backend.getName());
                    if (pods == null) {
                        continue;
                    }
                    for (var parent : route.getSpec().getParentRefs()) {
                        String namespace = parent.getNamespace();
                        boolean shared = namespace != null && !namespace.equals(route.getMetadata().getNamespace());
                        Map<String, String> dataPlane = Map.of(Edge.GATEWAY_NAME_LABEL, parent.getName());
                        if (shared ? !admits(manifests, pods, peer -> isNamespace(peer)
                                && namespace.equals(peer.getNamespaceSelector().getMatchLabels().get(NAMESPACE_NAME)))
                                : !admits(manifests, pods, peer -> peer.getNamespaceSelector() == null
                                        && peer.getPodSelector() != null
                                        && dataPlane.equals(peer.getPodSelector().getMatchLabels()))) {
                            violations.add(new Violation("Service/" + backend.getName(), "network.ingress-controller",
                                    "Gateway " + (shared ? namespace + "/" : "") + parent.getName() + " of HTTPRoute/"
                                            + route.getMetadata().getName() + " cannot reach its pods through the default deny",
                                    shared ? "allow ingress from namespaceSelector " + NAMESPACE_NAME + ": " + namespace
                                            : "allow ingress from podSelector " + Edge.GATEWAY_NAME_LABEL + ": " + parent.getName()));
                        } else if (!shared && !letsOut(manifests, dataPlane, pods)) {
                            violations.add(new Violation("Service/" + backend.getName(), "network.ingress-controller",
                                    "the data plane of Gateway " + parent.getName() + " may not open connections to its pods",
                                    "allow egress from podSelector " + Edge.GATEWAY_NAME_LABEL + ": " + parent.getName()
                                            + " to the Service's pods"));
                        }
                    }
                }
            }
        }
        return violations;
    }

    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    /** The pod labels a Service of the bundle selects, or null where there is none (another rule reports it). */
    private static Map<String, String> podsOf(Manifests manifests, String serviceName) {
        return manifests.find(Service.class, serviceName).map(s -> s.getSpec().getSelector()).orElse(null);
    }

    /** Whether a policy selecting {@code pods} admits a peer that {@code edge} recognises. */
    private static boolean admits(Manifests manifests, Map<String, String> pods, java.util.function.Predicate<NetworkPolicyPeer> edge) {
        return manifests.all(NetworkPolicy.class).stream()
                .filter(p -> !selectsAll(p) && ReferenceRules.selects(p.getSpec().getPodSelector().getMatchLabels(), pods))
                .flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty() : p.getSpec().getIngress().stream())
                .flatMap(r -> r.getFrom() == null ? java.util.stream.Stream.empty() : r.getFrom().stream())
                .anyMatch(edge);
    }

    /** Whether the policies of the pods labelled {@code source} let them connect to {@code pods} of this namespace. */
    private static boolean letsOut(Manifests manifests, Map<String, String> source, Map<String, String> pods) {
        return manifests.all(NetworkPolicy.class).stream()
                .filter(p -> !selectsAll(p) && ReferenceRules.selects(p.getSpec().getPodSelector().getMatchLabels(), source))
                .flatMap(p -> p.getSpec().getEgress() == null ? java.util.stream.Stream.empty() : p.getSpec().getEgress().stream())
                .flatMap(r -> r.getTo() == null ? java.util.stream.Stream.empty() : r.getTo().stream())
                .anyMatch(peer -> peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                        && ReferenceRules.selects(peer.getPodSelector().getMatchLabels(), pods));
    }

    private static boolean isNamespace(NetworkPolicyPeer peer) {
        return peer.getPodSelector() == null && peer.getNamespaceSelector() != null
                && peer.getNamespaceSelector().getMatchLabels() != null
                && peer.getNamespaceSelector().getMatchLabels().get(NAMESPACE_NAME) != null;
    }

    private static List<Violation> isolation(Manifests manifests, Map<String, Set<String>> clientsOf,
            Map<String, String> datastoreOf) {
        List<Violation> violations = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            String name = workload.podLabels().get(Resource.NAME_LABEL);
            if (workload.datastore() && !clientsOf.containsKey(name)) {
                violations.add(new Violation(workload.id(), "network.datastore-isolation", "is a datastore ("
                        + Resource.COMPONENT_LABEL + ": datastore) whose clients system.yml does not state",
                        "list the workloads it accepts under datastores." + name + " in system.yml"));
            }
        }
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
