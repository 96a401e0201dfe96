package io.salesorder.platform.maven;

import java.nio.file.Path;
import java.util.List;

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
import io.salesorder.platform.deploy.DeployDecision;
import io.salesorder.platform.deploy.SystemDeploy;

/**
 * With {@code -Dquarkus.kubernetes.deploy=true}, deploys what this build covers into the current kube context:
 * the whole system when the platform module is in the reactor, otherwise only the resources of the services
 * that are (their Deployment, Service, ConfigMap, Secret, autoscaler, disruption budget and network policy).
 * Which module runs it, and what it deploys, is one {@link DeployDecision} of the reactor; a deploy that was asked
 * for and cannot run fails the build.
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
        List<String> reactor = session.getProjects().stream().map(MavenProject::getArtifactId).toList();
        List<String> services;
        try {
            services = Checkout.system(checkoutRoot()).services();
        } catch (BundleException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        DeployDecision decision = DeployDecision.of(reactor, Checkout.PLATFORM, services)
                .orElseThrow(() -> new MojoFailureException(DeployDecision.nothingToDeploy(reactor, services)));
        if (!decision.runner().equals(project.getArtifactId())) {
            if (reactor.indexOf(project.getArtifactId()) < reactor.indexOf(decision.runner())) {
                getLog().info((dryRun ? "The dry run" : "The deploy") + " of " + describe(decision.scope()) + " runs in module "
                        + decision.runner() + ", once it is built");
            }
            return;
        }
        Config config = clusterConfig();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            ClusterDeployer.Options options = new ClusterDeployer.Options(dryRun, pruneData,
                    await && !dryRun ? java.util.Optional.of(duration(waitTimeout)) : java.util.Optional.empty(),
                    java.time.Duration.ofSeconds(2));
            ClusterDeployer.Outcome outcome = SystemDeploy.run(checkoutRoot(), decision.scope(), environment,
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

    private static String describe(SystemDeploy.Scope scope) {
        return scope.wholeSystem() ? "the whole system" : String.join(", ", scope.services());
    }

    /** The cluster to deploy to: the API server named on the command line, else the current kube context. */
    private Config clusterConfig() throws MojoFailureException {
        Config config = Config.autoConfigure(null);
        if (apiServerUrl != null && !apiServerUrl.isBlank()) {
            return new ConfigBuilder(config).withMasterUrl(apiServerUrl).build();
        }
        if (config.getCurrentContext() == null && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            throw new MojoFailureException(noCluster(System.getenv("KUBECONFIG")));
        }
        return config;
    }

    /** Why there is no cluster to deploy to, and the two ways to name one. */
    static String noCluster(String kubeconfig) {
        return "No cluster to deploy to: "
                + (kubeconfig == null || kubeconfig.isBlank() ? "KUBECONFIG is not set and ~/.kube/config names no context"
                        : "KUBECONFIG (" + kubeconfig + ") names no current context")
                + ", and -Dquarkus.kubernetes-client.api-server-url is not given. Select a context (kubectl config "
                + "use-context NAME, or export KUBECONFIG=FILE), or name the API server with "
                + "-Dquarkus.kubernetes-client.api-server-url=https://HOST:PORT";
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
