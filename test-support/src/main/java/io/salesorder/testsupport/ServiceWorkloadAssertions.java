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
     * For the services that run three replicas: three, a rolling update that never takes a pod away before its
     * replacement is ready (integers: the API server accepts a string only as a percentage), and settings only
     * from their own ConfigMap and Secret.
     */
    public static void assertScaledServiceConventions(GeneratedManifests manifests, String name) {
        Deployment deployment = manifests.get(Deployment.class, name);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).isNotEmpty();
        assertThat(container.getEnvFrom())
                .extracting(from -> from.getConfigMapRef() != null ? "ConfigMap/" + from.getConfigMapRef().getName()
                        : "Secret/" + from.getSecretRef().getName())
                .containsExactlyInAnyOrder("ConfigMap/" + name + "-config", "Secret/" + name + "-credentials");
        assertThat(container.getEnv()).extracting(e -> e.getName()).containsExactly("JAVA_TOOL_OPTIONS");
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
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory", "ephemeral-storage");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory", "ephemeral-storage");
        // The heap takes half the memory limit; the rest is for metaspace, code cache, stacks and buffers.
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("-XX:MaxRAMPercentage=50"));

        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isGreaterThanOrEqualTo(10000);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }
}
