package io.salesorder.platform.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Checkout;
import io.salesorder.platform.deploy.ClusterDeployer;
import io.salesorder.platform.deploy.SystemDeploy;

/**
 * With {@code -Dquarkus.kubernetes.deploy=true}, deploys what this build covers into the current kube context:
 * the whole system when the platform module is in the reactor, otherwise only the resources of the services
 * that are (their Deployment, Service, ConfigMap, Secret, autoscaler, disruption budget and network policy).
 * It runs once, in the last module of the reactor, after everything is built.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DeployMojo extends AbstractMojo {

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;


    @Parameter(property = "quarkus.kubernetes.deploy", defaultValue = "false")
    private boolean deploy;

    /** The environment to deploy: dev, staging or prod. */
    @Parameter(property = "env", defaultValue = "dev")
    private String environment;

    /** The API server, when not the current kube context's. */
    @Parameter(property = "quarkus.kubernetes-client.api-server-url")
    private String apiServerUrl;

    /** Show what the deploy would change (server-side dry run) and change nothing. */
    @Parameter(property = "dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Wait until the system converges (false: return once applied). */
    @Parameter(property = "wait", defaultValue = "true")
    private boolean await;

    /** How long to wait, as an ISO-8601 duration or with a unit: 600s, 10m. */
    @Parameter(property = "waitTimeout", defaultValue = "10m")
    private String waitTimeout;

    /** Let a prune delete Secrets and PersistentVolumeClaims that left the bundle (their data is lost). */
    @Parameter(property = "pruneData", defaultValue = "false")
    private boolean pruneData;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!deploy && !dryRun) {
            return;
        }
        List<MavenProject> reactor = session.getProjects();
        if (reactor.get(reactor.size() - 1) != project) {
            getLog().info("The deploy waits for the last module of the build");
            return;
        }
        Set<String> inReactor = new HashSet<>();
        reactor.forEach(p -> inReactor.add(p.getArtifactId()));
        SystemDeploy.Scope scope;
        if (inReactor.contains(Checkout.PLATFORM)) {
            scope = SystemDeploy.Scope.everything();
        } else {
            List<String> services;
            try {
                services = new ArrayList<>(Checkout.system(checkoutRoot()).services());
            } catch (BundleException e) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            services.retainAll(inReactor);
            scope = SystemDeploy.Scope.only(services);
        }

        Config config = apiServerUrl == null || apiServerUrl.isBlank() ? Config.autoConfigure(null)
                : new ConfigBuilder(Config.autoConfigure(null)).withMasterUrl(apiServerUrl).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            ClusterDeployer.Options options = new ClusterDeployer.Options(dryRun, pruneData,
                    await && !dryRun ? java.util.Optional.of(duration(waitTimeout)) : java.util.Optional.empty(),
                    java.time.Duration.ofSeconds(2));
            ClusterDeployer.Outcome outcome = SystemDeploy.run(checkoutRoot(), scope, environment,
                    project.getVersion(), session.getRequest().getStartTime().toInstant(), options, client,
                    line -> getLog().info(line));
            if (!dryRun) {
                getLog().info(String.format("Deployed: %d applied, %d unchanged, %d secrets created, %d secrets kept, %d pruned",
                        outcome.applied(), outcome.unchanged(), outcome.created(), outcome.kept(), outcome.pruned()));
            }
        } catch (BundleException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (KubernetesClientException e) {
            throw new MojoExecutionException((dryRun ? "Could not plan against the cluster at "
                    : "Could not deploy to the cluster at ") + config.getMasterUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code 10m}, {@code 600s}, {@code 1h} or an ISO-8601 duration ({@code PT10M}). */
    static java.time.Duration duration(String text) throws MojoFailureException {
        String value = text.trim();
        try {
            if (value.matches("\\d+[smh]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                return switch (value.charAt(value.length() - 1)) {
                    case 's' -> java.time.Duration.ofSeconds(amount);
                    case 'm' -> java.time.Duration.ofMinutes(amount);
                    default -> java.time.Duration.ofHours(amount);
                };
            }
            return java.time.Duration.parse(value);
        } catch (RuntimeException e) {
            throw new MojoFailureException("waitTimeout must be a duration such as 600s, 10m or PT10M, not " + text);
        }
    }

    /** The root of the checkout: every module of the system sits directly in it. */
    private Path checkoutRoot() {
        return project.getBasedir().toPath().toAbsolutePath().getParent();
    }
}
