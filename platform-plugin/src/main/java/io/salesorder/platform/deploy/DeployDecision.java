package io.salesorder.platform.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a build asked to deploy does, decided once from the projects of its reactor: which module runs the deploy
 * and what it deploys. The platform module, when the build holds it, deploys the whole system (it is built after
 * every service it assembles); otherwise the last service of the build deploys the services the build holds. No
 * other module decides anything, so neither a module added after the platform nor the order of the reactor can make
 * a deploy that was asked for pass without deploying.
 *
 * @param runner the artifact id of the module that runs the deploy
 * @param scope  what it deploys
 */
public record DeployDecision(String runner, SystemDeploy.Scope scope) {

    /**
     * @param reactor  the artifact ids of the build's projects, in build order
     * @param platform the artifact id of the platform module
     * @param services the system's services, as {@code system.yml} names them
     * @return the decision, or empty when the build holds nothing a deploy could take
     */
    public static Optional<DeployDecision> of(List<String> reactor, String platform, List<String> services) {
        if (reactor.contains(platform)) {
            return Optional.of(new DeployDecision(platform, SystemDeploy.Scope.everything()));
        }
        List<String> built = new ArrayList<>();
        for (String module : reactor) {
            if (services.contains(module)) {
                built.add(module);
            }
        }
        if (built.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeployDecision(built.get(built.size() - 1), SystemDeploy.Scope.only(built)));
    }

    /** Why a build that holds neither the platform nor a service cannot deploy, and what to run instead. */
    public static String nothingToDeploy(List<String> reactor, List<String> services) {
        return "A deploy was asked for, but this build holds neither the platform module nor a service (it holds "
                + String.join(", ", reactor) + "). Deploy the whole system from the root (mvn package "
                + "-Dquarkus.kubernetes.deploy=true), or one service with -pl <service> -am, one of: "
                + String.join(", ", services);
    }
}
