package io.salesorder.platform.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.BundleRenderer;
import io.salesorder.platform.bundle.Checkout;
import io.salesorder.platform.bundle.SystemModel;
import io.salesorder.platform.rules.BundleChecker;
import io.salesorder.platform.rules.Violation;

/**
 * Renders the bundle of every environment into {@code target/kubernetes/<environment>/} and proves each one
 * against the rules; any violation fails the build.
 */
@Mojo(name = "render", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class RenderMojo extends AbstractMojo {

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(property = "sales-order.render.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Rendering skipped");
            return;
        }
        Path root = checkoutRoot();
        SystemModel system;
        BundleChecker checker;
        try {
            system = Checkout.system(root);
            checker = BundleChecker.standard(system, Checkout.productionSettings(root, system));
        } catch (BundleException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        StringBuilder failures = new StringBuilder();
        Path output = Path.of(project.getBuild().getDirectory(), "kubernetes");
        try {
            BundleRenderer renderer = new BundleRenderer(
                    Checkout.inputs(root, system.services(), true, project.getVersion(),
                            session.getRequest().getStartTime().toInstant()));
            for (String environment : renderer.environments()) {
                BundleRenderer.Rendering rendering = renderer.rendering(environment, Map.of(), true);
                Bundle bundle = rendering.bundle();
                Path file = bundle.write(output.resolve(environment));
                // The same environment as a tree kubectl kustomize builds, for review and for other tools.
                rendering.writeTree(Checkout.platformSources(root),
                        Path.of(project.getBuild().getDirectory(), "kustomize", environment));
                List<Violation> violations = checker.check(bundle.resources());
                getLog().info(String.format("%-8s %3d resources -> %s", environment, bundle.resources().size(),
                        root.relativize(file)));
                if (!violations.isEmpty()) {
                    failures.append("\n").append(BundleChecker.report(environment, violations));
                }
            }
        } catch (BundleException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (!failures.isEmpty()) {
            throw new MojoFailureException("The rendered bundles break the platform rules:" + failures);
        }
    }

    /** The root of the checkout: every module of the system sits directly in it. */
    private Path checkoutRoot() {
        return project.getBasedir().toPath().toAbsolutePath().getParent();
    }
}
