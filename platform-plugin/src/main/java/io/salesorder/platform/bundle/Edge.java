package io.salesorder.platform.bundle;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How clients reach the services, read from an environment's {@code edge} section.
 *
 * <p>
 * Gateway API is the default edge: the bundle ships its own {@code Gateway} (NGINX Gateway Fabric then runs the
 * environment's data plane in the system's namespace, behind its NetworkPolicies) unless {@code sharedGateway} names
 * one the cluster team owns, to which the route attaches across namespaces. The Ingress for an existing ingress
 * controller stays available, alone or beside the Gateway while traffic moves from one to the other.
 *
 * @param kinds                      which edges the bundle holds
 * @param host                       the host both edges answer on
 * @param tlsSecret                  the Secret holding the host's certificate, if TLS is on
 * @param gatewayClassName           the class of the Gateway the bundle ships
 * @param sharedGateway              the cluster team's Gateway the route attaches to instead of shipping one
 * @param gatewayControllerNamespace where the Gateway controller's control plane runs (its data plane reports there)
 * @param ingressController          which controller serves the Ingress, and so which rewrite annotations it reads
 * @param ingressClassName           the class of the Ingress
 * @param ingressControllerNamespace where the ingress controller's pods run
 */
public record Edge(Set<Kind> kinds, String host, Optional<String> tlsSecret, String gatewayClassName,
        Optional<GatewayRef> sharedGateway, String gatewayControllerNamespace, IngressController ingressController,
        String ingressClassName, String ingressControllerNamespace) {

    /** The two kinds of edge. */
    public enum Kind {
        GATEWAY, INGRESS
    }

    /**
     * The ingress controllers whose path rewriting the build knows: the community ingress-nginx (regular-expression
     * paths and {@code rewrite-target}) and F5's NGINX Ingress Controller (prefix paths and {@code nginx.org/rewrites}).
     */
    public enum IngressController {
        INGRESS_NGINX("ingress-nginx", "ingress-nginx"), NGINX_INGRESS("nginx-ingress", "nginx-ingress");

        final String setting;
        final String defaultNamespace;

        IngressController(String setting, String defaultNamespace) {
            this.setting = setting;
            this.defaultNamespace = defaultNamespace;
        }
    }

    /** A Gateway outside the bundle, by namespace and name. */
    public record GatewayRef(String namespace, String name) {
    }

    /** The label GEP-1762 puts on the pods an implementation provisions for a Gateway; NGINX Gateway Fabric sets it. */
    public static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";

    private static final Set<String> FIELDS = Set.of("kind", "host", "tlsSecret", "gatewayClassName", "sharedGateway",
            "gatewayControllerNamespace", "ingressController", "ingressClassName", "ingressControllerNamespace");
    /** A DNS-1123 label: what a namespace, a class or a Secret name may be. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    public boolean has(Kind kind) {
        return kinds.contains(kind);
    }

    static Edge parse(String file, Map<String, Object> edge) {
        for (String field : edge.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new BundleException(file + ": edge." + field + " is not a setting; edge takes " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String kind = String.valueOf(edge.getOrDefault("kind", "gateway"));
        Set<Kind> kinds = switch (kind) {
            case "gateway" -> Set.of(Kind.GATEWAY);
            case "ingress" -> Set.of(Kind.INGRESS);
            case "both" -> Set.of(Kind.GATEWAY, Kind.INGRESS);
            default -> throw new BundleException(file + ": edge.kind must be gateway, ingress or both, not " + kind);
        };
        Optional<GatewayRef> shared = Optional.ofNullable(edge.get("sharedGateway")).map(value -> {
            String[] parts = value.toString().split("/");
            if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()) {
                throw new BundleException(file + ": edge.sharedGateway must be <namespace>/<name>, not " + value);
            }
            return new GatewayRef(parts[0], parts[1]);
        });
        Optional<String> tlsSecret = Optional.ofNullable(edge.get("tlsSecret")).map(v -> name(file, "tlsSecret", v));
        if (shared.isPresent() && tlsSecret.isPresent() && !kinds.contains(Kind.INGRESS)) {
            throw new BundleException(file + ": edge.tlsSecret has no use with edge.sharedGateway: the shared Gateway's "
                    + "listener holds the certificate; remove tlsSecret, or remove sharedGateway to ship the Gateway");
        }
        Object host = edge.get("host");
        if (host == null || !NAME.matcher(host.toString()).matches()) {
            throw new BundleException(file + ": edge.host must be the DNS name the edge answers on, not " + host);
        }
        String controllerName = String.valueOf(edge.getOrDefault("ingressController", "ingress-nginx"));
        IngressController controller = java.util.Arrays.stream(IngressController.values())
                .filter(c -> c.setting.equals(controllerName)).findFirst()
                .orElseThrow(() -> new BundleException(file + ": edge.ingressController must be ingress-nginx or "
                        + "nginx-ingress (F5's NGINX Ingress Controller), not " + controllerName));
        return new Edge(kinds, host.toString(), tlsSecret,
                name(file, "gatewayClassName", edge.getOrDefault("gatewayClassName", "nginx")), shared,
                name(file, "gatewayControllerNamespace", edge.getOrDefault("gatewayControllerNamespace", "nginx-gateway")),
                controller, name(file, "ingressClassName", edge.getOrDefault("ingressClassName", "nginx")),
                name(file, "ingressControllerNamespace", edge.getOrDefault("ingressControllerNamespace", controller.defaultNamespace)));
    }

    private static String name(String file, String field, Object value) {
        String text = String.valueOf(value);
        if (!NAME.matcher(text).matches()) {
            throw new BundleException(file + ": edge." + field + " must be a Kubernetes name (lower case, digits, '-', '.'), not " + text);
        }
        return text;
    }
}
