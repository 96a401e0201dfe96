package io.salesorder.platform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class TopologyTests {

    private static final String SYSTEM = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop}
            spec:
              replicas: 2
              template:
                metadata: {labels: {app.kubernetes.io/name: shop}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: shop}
            spec: {scaleTargetRef: {kind: Deployment, name: shop}, minReplicas: 2, maxReplicas: 10}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 3
              template:
                metadata: {labels: {app.kubernetes.io/name: db}}
              volumeClaimTemplates:
                - metadata: {name: data}
                  spec: {resources: {requests: {storage: 5Gi}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: edge}
            spec:
              rules:
                - http:
                    paths:
                      - path: /shop(/|$)(.*)
                        backend: {service: {name: shop, port: {name: http}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: shop}
            spec:
              podSelector: {matchLabels: {app.kubernetes.io/name: shop}}
              policyTypes: [Ingress, Egress]
              ingress:
                - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]
              egress:
                - to: [{podSelector: {matchLabels: {app.kubernetes.io/name: db}}}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db}
            spec:
              podSelector: {matchLabels: {app.kubernetes.io/name: db}}
              policyTypes: [Ingress, Egress]
              ingress:
                - from: [{podSelector: {matchLabels: {app.kubernetes.io/name: shop}}}]
            """;

    private static String mermaid(String yaml) throws IOException {
        List<Resource> resources = Yaml.read(new StringReader(yaml)).stream().map(d -> new Resource(d, "test")).toList();
        return new Topology(resources).mermaid();
    }

    @Test
    void the_edge_its_routes_the_replica_ranges_the_members_and_volumes_and_each_allowed_flow_are_drawn() throws IOException {
        String diagram = mermaid(SYSTEM);
        assertThat(diagram).startsWith("flowchart LR\n")
                .contains("edge_ingress_nginx([edge · ingress-nginx])")
                .contains("shop[\"shop<br/>autoscaled 2–10\"]")
                .contains("db[(\"db<br/>StatefulSet of 3 · PVC 5Gi each\")]")
                .contains("edge_ingress_nginx -- \"/shop\" --> shop")
                .contains("shop --> db")
                .doesNotContain("db --> shop");
    }

    @Test
    void a_flow_one_side_of_the_policies_refuses_is_not_drawn() throws IOException {
        String targetRefuses = SYSTEM.replace("- from: [{podSelector: {matchLabels: {app.kubernetes.io/name: shop}}}]",
                "- from: [{podSelector: {matchLabels: {app.kubernetes.io/name: someone-else}}}]");
        assertThat(mermaid(targetRefuses)).doesNotContain("shop --> db");
        String sourceRefuses = SYSTEM.replace("- to: [{podSelector: {matchLabels: {app.kubernetes.io/name: db}}}]",
                "- to: [{podSelector: {matchLabels: {app.kubernetes.io/name: elsewhere}}}]");
        assertThat(mermaid(sourceRefuses)).doesNotContain("shop --> db");
    }

    @Test
    void without_any_policy_every_flow_is_open_and_drawn() throws IOException {
        String open = SYSTEM.substring(0, SYSTEM.indexOf("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy"));
        String diagram = mermaid(open);
        assertThat(diagram).contains("shop --> db").contains("db --> shop").doesNotContain("edge_");
    }

    @Test
    void the_data_plane_of_the_bundles_gateway_is_drawn_as_an_edge_with_the_routes_prefixes() throws IOException {
        String gateway = SYSTEM.replace(
                "- from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]",
                "- from: [{podSelector: {matchLabels: {gateway.networking.k8s.io/gateway-name: public}}}]")
                .replace("apiVersion: networking.k8s.io/v1\nkind: Ingress", """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: HTTPRoute
                        metadata: {name: public}
                        spec:
                          rules:
                            - matches: [{path: {type: PathPrefix, value: /shopservice}}]
                              backendRefs: [{name: shop, port: 80}]
                        ---
                        apiVersion: networking.k8s.io/v1
                        kind: Ingress""");
        String diagram = mermaid(gateway);
        assertThat(diagram).contains("edge_Gateway_public([edge · Gateway public])")
                .contains("edge_Gateway_public -- \"/shopservice /shop\" --> shop")
                .doesNotContain("ingress-nginx");
    }
}
