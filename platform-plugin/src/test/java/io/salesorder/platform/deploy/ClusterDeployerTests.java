package io.salesorder.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/** How the deployer talks to an API server, against scripted answers of a mock one. */
class ClusterDeployerTests {

    private static final String JOB_PATH = "/apis/batch/v1/namespaces/sales-order/jobs/mongodb-replica-set-init";

    private KubernetesMockServer server;
    private KubernetesClient client;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient(new JdkHttpClientFactory());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private static Job job(String image) {
        return new JobBuilder().withNewMetadata().withName("mongodb-replica-set-init").withNamespace("sales-order").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("init").withImage(image).endContainer()
                .withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec().build();
    }

    @SuppressWarnings("unchecked")
    private static Resource resource(Job job) throws Exception {
        return new Resource(Yaml.mapper().readValue(Yaml.write(job), LinkedHashMap.class), "test");
    }

    @Test
    void a_job_whose_template_changed_is_replaced_because_the_api_server_refuses_the_change() throws Exception {
        Status immutable = new StatusBuilder().withCode(422).withStatus("Failure").withReason("Invalid")
                .withMessage("Job.batch \"mongodb-replica-set-init\" is invalid: spec.template: field is immutable").build();
        server.expect().get().withPath(JOB_PATH).andReturn(200, job("platform:2.0.0")).once();
        server.expect().patch().withPath(JOB_PATH + "?fieldManager=sales-order-platform&force=true").andReturn(422, immutable).once();
        server.expect().delete().withPath(JOB_PATH).andReturn(200, job("platform:2.0.0")).once();
        server.expect().get().withPath(JOB_PATH).andReturn(404, null).always();
        server.expect().post().withPath("/apis/batch/v1/namespaces/sales-order/jobs").andReturn(201, job("platform:2.1.0")).once();

        ClusterDeployer.Outcome outcome = new ClusterDeployer(client, log::add)
                .deploy(new Bundle("dev", List.of(resource(job("platform:2.1.0")))));

        assertThat(outcome.applied()).isEqualTo(1);
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("replacing Job/mongodb-replica-set-init")
                .contains("field is immutable"));
        assertThat(server.getLastRequest().getMethod()).isEqualTo("POST");
    }

    @Test
    void contains_compares_what_the_bundle_sets_and_ignores_what_the_cluster_adds() {
        Map<String, Object> live = Map.of("spec", Map.of("replicas", 4, "paused", false), "status", Map.of("ready", 4));
        assertThat(ClusterDeployer.contains(live, Map.of("spec", Map.of("paused", false)))).isTrue();
        assertThat(ClusterDeployer.contains(live, Map.of("spec", Map.of("paused", true)))).isFalse();
        assertThat(ClusterDeployer.contains(Map.of("ports", List.of(1, 2)), Map.of("ports", List.of(1)))).isFalse();
    }
}
