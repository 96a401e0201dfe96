package io.salesorder.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The conventions every service's generated Deployment and Service follow. */
public final class ServiceWorkloadAssertions {

    private ServiceWorkloadAssertions() {
    }

    /**
     * For the services that run three replicas: three, and settings only from their own ConfigMap and Secret. Their
     * rolling update and spread over nodes are the platform's (one patch of its base), checked on the bundles.
     */
    public static void assertScaledServiceConventions(GeneratedManifests manifests, String name) {
        Deployment deployment = manifests.get(Deployment.class, name);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(container.getEnvFrom())
                .extracting(from -> from.getConfigMapRef() != null ? "ConfigMap/" + from.getConfigMapRef().getName()
                        : "Secret/" + from.getSecretRef().getName())
                .containsExactlyInAnyOrder("ConfigMap/" + name + "-config", "Secret/" + name + "-credentials");
        // dekorate's KUBERNETES_NAMESPACE comes first; the platform's base removes it (and checks it is there).
        assertThat(container.getEnv()).extracting(e -> e.getName()).containsExactly("KUBERNETES_NAMESPACE", "JAVA_TOOL_OPTIONS");
    }

    /** Checks the Deployment and Service named {@code name} against the conventions shared by all services. */
    public static void assertFollowsConventions(GeneratedManifests manifests, String name, String component, int port) {
        Deployment deployment = manifests.get(Deployment.class, name);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(manifests.all()).allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("sales-order"));
        assertThat(manifests.summary()).containsExactlyInAnyOrder("Service/" + name, "Deployment/" + name);

        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertThat(selector).containsOnly(
                Map.entry("app.kubernetes.io/name", name), Map.entry("app.kubernetes.io/part-of", "sales-order-system"));
        Service service = manifests.get(Service.class, name);
        assertThat(service.getSpec().getSelector()).isEqualTo(selector);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getName()).isEqualTo("http"));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", component);

        assertThat(container.getName()).isEqualTo(name);
        assertThat(container.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(port));
        assertThat(container.getImage()).matches(".*sales-order/" + name + ":\\d+\\.\\d+\\.\\d+");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        // The heap takes half the memory limit; the rest is for metaspace, code cache, stacks and buffers. What the
        // JIT's bursts of compilation free goes back to the system every five seconds (BENCHMARKS.md measured it).
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("-XX:MaxRAMPercentage=50 -XX:TrimNativeHeapInterval=5000"));

        // The pods' hardening (security contexts, no token, scratch space) is the platform's base patch, checked on
        // the bundles; the writable /tmp it relies on is the module's.
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }
}
