package io.salesorder.platform.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.BundleRenderer;
import io.salesorder.platform.bundle.Checkout;
import io.salesorder.platform.bundle.SystemModel;
import io.salesorder.platform.rules.BundleChecker;
import io.salesorder.platform.rules.Violation;

/**
 * A deploy from a built checkout: render the environment (keeping the generated credentials the cluster already
 * has), prove it, and apply what is in scope: the whole system, or only the resources of some services.
 */
public final class SystemDeploy {

    /** What to deploy: everything, or the resources owned by these services. */
    public record Scope(boolean wholeSystem, List<String> services) {

        /** The whole system: every service {@code system.yml} states, and the platform. */
        public static Scope everything() {
            return new Scope(true, List.of());
        }

        public static Scope only(List<String> services) {
            return new Scope(false, List.copyOf(services));
        }
    }

    private SystemDeploy() {
    }

    public static ClusterDeployer.Outcome run(Path root, Scope scope, String environment, String version,
            KubernetesClient client, Consumer<String> log) {
        return run(root, scope, environment, version, java.time.Instant.MAX, ClusterDeployer.Options.applyOnly(), client, log);
    }

    /**
     * As above, with the deploy's options; images this build pushed (digest files newer than {@code imagesBuiltSince})
     * are deployed by digest.
     */
    public static ClusterDeployer.Outcome run(Path root, Scope scope, String environment, String version,
            java.time.Instant imagesBuiltSince, ClusterDeployer.Options options, KubernetesClient client, Consumer<String> log) {
        if (!scope.wholeSystem() && client.namespaces().withName(Bundle.NAMESPACE).get() == null) {
            throw new BundleException("Namespace " + Bundle.NAMESPACE + " does not exist: deploy the whole system once "
                    + "(mvn package -Dquarkus.kubernetes.deploy=true from the root) before deploying one service");
        }
        ClusterDeployer deployer = new ClusterDeployer(client, log);
        SystemModel system = Checkout.system(root);
        BundleRenderer renderer = new BundleRenderer(Checkout.inputs(root,
                scope.wholeSystem() ? system.services() : scope.services(), scope.wholeSystem(), version, imagesBuiltSince));
        Bundle bundle = renderer.render(environment, renderer.secretPlan().knownValues(deployer.existingSecrets()),
                scope.wholeSystem());
        if (!scope.wholeSystem()) {
            bundle = bundle.ownedBy(Set.copyOf(scope.services()));
        }
        BundleChecker checker = scope.wholeSystem() ? BundleChecker.standard(system, Checkout.productionSettings(root, system))
                : BundleChecker.perResource(system);
        List<Violation> violations = checker.check(bundle.resources());
        if (!violations.isEmpty()) {
            throw new BundleException("Refusing to deploy: " + BundleChecker.report(environment, violations));
        }
        log.accept((options.dryRun() ? "Dry run of a deploy of " : "Deploying ")
                + (scope.wholeSystem() ? "the whole system" : String.join(", ", scope.services()))
                + " (" + environment + ", " + bundle.resources().size() + " resources) to " + client.getMasterUrl());
        return deployer.deploy(bundle, scope.wholeSystem() ? java.util.Optional.empty()
                : java.util.Optional.of(Set.copyOf(scope.services())), options);
    }
}
