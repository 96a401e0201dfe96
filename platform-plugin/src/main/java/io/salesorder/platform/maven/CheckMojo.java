package io.salesorder.platform.maven;

import java.io.File;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.SystemModel;
import io.salesorder.platform.rules.BundleChecker;
import io.salesorder.platform.rules.Violation;

/**
 * Proves a rendered bundle (or any file of Kubernetes YAML) against the platform rules, for a reviewer:
 * {@code mvn sales-order:check -Dbundle=platform/target/kubernetes/prod/sales-order.yml}.
 */
@Mojo(name = "check", requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    @Parameter(property = "bundle", required = true)
    private File bundle;

    /** What the system is: its services, which workloads each datastore accepts, its exemptions. */
    @Parameter(property = "system", defaultValue = "platform/src/main/platform/system.yml")
    private File system;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!bundle.isFile()) {
            throw new MojoExecutionException("No file " + bundle + " (render it with mvn package first)");
        }
        List<Violation> violations;
        try {
            violations = BundleChecker.standard(SystemModel.read(system.toPath())).check(bundle.toPath());
        } catch (BundleException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (!violations.isEmpty()) {
            throw new MojoFailureException(BundleChecker.report(bundle.toString(), violations));
        }
        getLog().info(bundle + ": every rule holds");
    }
}
