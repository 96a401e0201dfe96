package io.salesorder.platform.bundle;

import static io.salesorder.platform.bundle.SecretPlan.ordered;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the edge an environment chooses: keeps the Ingress, the Gateway API resources or both, sets their class,
 * host and TLS, attaches the routes to the shipped or the shared Gateway, and writes the NetworkPolicies that let
 * that edge, and nothing else, reach the routed services.
 */
final class EdgeResources {

    static final String GATEWAY_API = "gateway.networking.k8s.io";
    /** The name of the route that redirects HTTP to HTTPS ends so: {@code sales-order-http-redirect}. */
    static final String REDIRECT_ROUTE_SUFFIX = "-http-redirect";

    /** A Service some edge routes to, and the pod port behind the routed Service port. */
    private record Routed(String service, Map<String, Object> podSelector, Object podPort, String owner) {
    }

    private EdgeResources() {
    }

    /**
     * The edge's resources: the templates the settings keep, shaped by them, and the policies that admit that edge
     * to the Services it routes to (from {@code resources}, which are not changed).
     */
    static List<Resource> render(List<Resource> templates, List<Resource> resources, Edge edge) {
        List<Resource> all = new ArrayList<>(resources);
        all.addAll(templates);
        java.util.Set<Resource> given = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        given.addAll(resources);
        return apply(all, edge).stream().filter(r -> !given.contains(r)).toList();
    }

    /** The resources with the edge rendered; {@code resources} is not changed, its documents are. */
    static List<Resource> apply(List<Resource> resources, Edge edge) {
        List<Resource> kept = new ArrayList<>();
        for (Resource resource : resources) {
            boolean gatewayApi = resource.apiVersion() != null && resource.apiVersion().startsWith(GATEWAY_API + "/");
            if ("Ingress".equals(resource.kind()) && !edge.has(Edge.Kind.INGRESS)
                    || gatewayApi && !edge.has(Edge.Kind.GATEWAY)
                    || "Gateway".equals(resource.kind()) && edge.sharedGateway().isPresent()) {
                continue;
            }
            kept.add(resource);
        }
        List<Resource> added = new ArrayList<>();
        for (Resource resource : kept) {
            switch (resource.kind()) {
                case "Ingress" -> ingress(resource, edge);
                case "Gateway" -> gateway(resource, edge);
                case "HTTPRoute" -> route(resource, edge).ifPresent(added::add);
                default -> {
                }
            }
        }
        kept.addAll(added);
        kept.addAll(policies(kept, edge));
        return kept;
    }

    /** ingress-nginx's form of a stripped prefix, as the base writes it: {@code /prefix(/|$)(.*)}. */
    private static final java.util.regex.Pattern STRIPPED_PREFIX = java.util.regex.Pattern.compile("(/[A-Za-z0-9._~-]+)\\(/\\|\\$\\)\\(\\.\\*\\)");
    private static final String INGRESS_NGINX_ANNOTATIONS = "nginx.ingress.kubernetes.io/";

    @SuppressWarnings("unchecked")
    private static void ingress(Resource ingress, Edge edge) {
        Map<String, Object> spec = Resource.map(ingress.document(), "spec");
        spec.put("ingressClassName", edge.ingressClassName());
        if (edge.ingressController() == Edge.IngressController.NGINX_INGRESS) {
            toNginxIngress(ingress);
        }
        for (Object rule : (List<Object>) spec.getOrDefault("rules", List.of())) {
            ((Map<String, Object>) rule).put("host", edge.host());
        }
        edge.tlsSecret().ifPresentOrElse(
                secret -> spec.put("tls", List.of(ordered("hosts", List.of(edge.host()), "secretName", secret))),
                () -> spec.remove("tls"));
    }

    @SuppressWarnings("unchecked")
    private static void gateway(Resource gateway, Edge edge) {
        Map<String, Object> spec = Resource.map(gateway.document(), "spec");
        spec.put("gatewayClassName", edge.gatewayClassName());
        List<Object> listeners = new ArrayList<>();
        for (Object item : (List<Object>) spec.getOrDefault("listeners", List.of())) {
            Map<String, Object> listener = (Map<String, Object>) item;
            if (!"https".equals(listener.get("name"))) {
                listener.put("hostname", edge.host());
                listeners.add(listener);
            }
        }
        edge.tlsSecret().ifPresent(secret -> listeners.add(ordered("name", "https", "protocol", "HTTPS", "port", 443,
                "hostname", edge.host(),
                "tls", ordered("mode", "Terminate", "certificateRefs", List.of(ordered("kind", "Secret", "name", secret))),
                "allowedRoutes", ordered("namespaces", ordered("from", "Same")))));
        spec.put("listeners", listeners);
    }

    /**
     * Rewrites ingress-nginx's stripped prefixes for F5's NGINX Ingress Controller: each {@code /prefix(/|$)(.*)}
     * becomes the {@code Prefix} path {@code /prefix/}, and {@code nginx.org/rewrites} maps its service to {@code /}
     * ({@code /prefix/abc} reaches the service as {@code /abc}; that controller redirects {@code /prefix} to
     * {@code /prefix/}).
     */
    @SuppressWarnings("unchecked")
    private static void toNginxIngress(Resource ingress) {
        Map<String, Object> annotations = Resource.map(ingress.metadata(), "annotations");
        annotations.keySet().removeIf(key -> key.startsWith(INGRESS_NGINX_ANNOTATIONS));
        List<String> rewrites = new ArrayList<>();
        for (Object rule : (List<Object>) Resource.map(ingress.document(), "spec").getOrDefault("rules", List.of())) {
            Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) rule).getOrDefault("http", Map.of());
            for (Object item : (List<Object>) http.getOrDefault("paths", List.of())) {
                Map<String, Object> path = (Map<String, Object>) item;
                java.util.regex.Matcher prefix = STRIPPED_PREFIX.matcher(String.valueOf(path.get("path")));
                if (!prefix.matches()) {
                    throw new BundleException(ingress.id() + ": path " + path.get("path") + " is not a stripped prefix "
                            + "(/prefix(/|$)(.*)), which is all the nginx-ingress controller's form is written for");
                }
                path.put("path", prefix.group(1) + "/");
                path.put("pathType", "Prefix");
                Object service = ((Map<String, Object>) ((Map<String, Object>) path.getOrDefault("backend", Map.of()))
                        .getOrDefault("service", Map.of())).get("name");
                rewrites.add("serviceName=" + service + " rewrite=/");
            }
        }
        annotations.put("nginx.org/rewrites", String.join(";", rewrites));
    }

    /**
     * Points the route at its Gateway: the shared one across namespaces, or the shipped one's HTTPS listener (with a
     * second route redirecting its HTTP listener there) or HTTP listener. Returns the redirect route, if one is due.
     */
    @SuppressWarnings("unchecked")
    private static Optional<Resource> route(Resource route, Edge edge) {
        if (route.name().endsWith(REDIRECT_ROUTE_SUFFIX)) {
            return Optional.empty();
        }
        Map<String, Object> spec = Resource.map(route.document(), "spec");
        spec.put("hostnames", List.of(edge.host()));
        List<Object> parents = new ArrayList<>();
        String gatewayName = null;
        for (Object item : (List<Object>) spec.getOrDefault("parentRefs", List.of())) {
            Map<String, Object> parent = (Map<String, Object>) item;
            gatewayName = String.valueOf(parent.get("name"));
            if (edge.sharedGateway().isPresent()) {
                Edge.GatewayRef shared = edge.sharedGateway().get();
                parents.add(ordered("group", GATEWAY_API, "kind", "Gateway", "namespace", shared.namespace(),
                        "name", shared.name()));
            } else {
                parents.add(ordered("name", gatewayName, "sectionName", edge.tlsSecret().isPresent() ? "https" : "http"));
            }
        }
        spec.put("parentRefs", parents);
        if (gatewayName == null || edge.sharedGateway().isPresent() || edge.tlsSecret().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> redirect = new LinkedHashMap<>();
        redirect.put("apiVersion", route.apiVersion());
        redirect.put("kind", "HTTPRoute");
        redirect.put("metadata", ordered("name", route.name() + REDIRECT_ROUTE_SUFFIX,
                "labels", new LinkedHashMap<>(route.labels())));
        redirect.put("spec", ordered(
                "parentRefs", List.of(ordered("name", gatewayName, "sectionName", "http")),
                "hostnames", List.of(edge.host()),
                "rules", List.of(ordered("filters", List.of(ordered("type", "RequestRedirect",
                        "requestRedirect", ordered("scheme", "https", "statusCode", 301)))))));
        return Optional.of(new Resource(redirect, route.origin() + " (HTTP to HTTPS redirect)"));
    }

    /**
     * One policy per routed service admitting the edge's pods on the routed pod port, and, for a shipped Gateway,
     * one for its data plane: clients in on the listener ports, out to the routed services and its control plane.
     */
    private static List<Resource> policies(List<Resource> resources, Edge edge) {
        List<Map<String, Object>> peers = new ArrayList<>();
        Optional<Resource> shippedGateway = resources.stream().filter(r -> "Gateway".equals(r.kind())).findFirst();
        if (edge.has(Edge.Kind.INGRESS)) {
            peers.add(namespace(edge.ingressControllerNamespace()));
        }
        if (edge.has(Edge.Kind.GATEWAY)) {
            edge.sharedGateway().ifPresent(shared -> peers.add(namespace(shared.namespace())));
            shippedGateway.ifPresent(gateway -> peers.add(dataPlane(gateway.name())));
        }
        List<Routed> routed = routed(resources);
        List<Resource> policies = new ArrayList<>();
        for (Routed target : routed) {
            Map<String, Object> policy = policy("edge-to-" + target.service(), target.owner(), target.podSelector(),
                    List.of("Ingress"));
            Resource.map(policy, "spec").put("ingress", List.of(ordered("from", peers,
                    "ports", List.of(ordered("port", target.podPort())))));
            policies.add(new Resource(policy, "edge of the environment (generated)"));
        }
        if (edge.has(Edge.Kind.GATEWAY) && shippedGateway.isPresent() && !routed.isEmpty()) {
            policies.add(dataPlanePolicy(shippedGateway.get(), routed, edge));
        }
        return policies;
    }

    @SuppressWarnings("unchecked")
    private static Resource dataPlanePolicy(Resource gateway, List<Routed> routed, Edge edge) {
        List<Object> listenerPorts = new ArrayList<>();
        for (Object listener : (List<Object>) Resource.map(gateway.document(), "spec").getOrDefault("listeners", List.of())) {
            listenerPorts.add(ordered("port", ((Map<String, Object>) listener).get("port")));
        }
        List<Object> egress = new ArrayList<>();
        for (Routed target : routed) {
            egress.add(ordered("to", List.of(ordered("podSelector", ordered("matchLabels", target.podSelector()))),
                    "ports", List.of(ordered("port", target.podPort()))));
        }
        // NGINX Agent in each data plane pod takes its configuration from the control plane.
        egress.add(ordered("to", List.of(namespace(edge.gatewayControllerNamespace()))));
        Map<String, Object> policy = policy(gateway.name() + "-gateway-data-plane", gateway.owner(),
                Map.of(Edge.GATEWAY_NAME_LABEL, gateway.name()), List.of("Ingress", "Egress"));
        // Clients come from anywhere: this is the system's public entry point.
        Resource.map(policy, "spec").put("ingress", List.of(ordered("ports", listenerPorts)));
        Resource.map(policy, "spec").put("egress", egress);
        return new Resource(policy, "edge of the environment (generated)");
    }

    /** The Services the kept Ingress and routes send traffic to, in the order they are first named. */
    @SuppressWarnings("unchecked")
    private static List<Routed> routed(List<Resource> resources) {
        Map<String, Object> backends = new LinkedHashMap<>();
        new EdgeRoutes(resources).backends().forEach(b -> backends.putIfAbsent(b.service(), b.port()));
        List<Routed> routed = new ArrayList<>();
        backends.forEach((name, port) -> resources.stream()
                .filter(r -> "Service".equals(r.kind()) && r.name().equals(name))
                .findFirst()
                .flatMap(service -> podPort(service, port).map(podPort -> new Routed(name,
                        (Map<String, Object>) Resource.map(service.document(), "spec").getOrDefault("selector", Map.of()),
                        podPort, service.owner() == null ? name : service.owner())))
                .ifPresent(routed::add));
        return routed;
    }

    /** The pod port behind a Service port given by name or number (the port itself when no targetPort is set). */
    @SuppressWarnings("unchecked")
    private static Optional<Object> podPort(Resource service, Object port) {
        for (Object item : (List<Object>) Resource.map(service.document(), "spec").getOrDefault("ports", List.of())) {
            Map<String, Object> servicePort = (Map<String, Object>) item;
            if (String.valueOf(port).equals(String.valueOf(servicePort.get("name")))
                    || String.valueOf(port).equals(String.valueOf(servicePort.get("port")))) {
                return Optional.ofNullable(servicePort.getOrDefault("targetPort", servicePort.get("port")));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> namespace(String name) {
        return ordered("namespaceSelector", ordered("matchLabels", ordered("kubernetes.io/metadata.name", name)));
    }

    private static Map<String, Object> dataPlane(String gatewayName) {
        return ordered("podSelector", ordered("matchLabels", ordered(Edge.GATEWAY_NAME_LABEL, gatewayName)));
    }

    private static Map<String, Object> policy(String name, String owner, Map<String, Object> podSelector, List<String> types) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("apiVersion", "networking.k8s.io/v1");
        policy.put("kind", "NetworkPolicy");
        policy.put("metadata", ordered("name", name, "labels", ordered(Resource.NAME_LABEL, owner)));
        policy.put("spec", ordered("podSelector", ordered("matchLabels", new LinkedHashMap<>(podSelector)),
                "policyTypes", types));
        return policy;
    }
}
