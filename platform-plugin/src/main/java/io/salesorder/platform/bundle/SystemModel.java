package io.salesorder.platform.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the platform's {@code system.yml} states of the system, the only place that names its parts: the services,
 * which workloads each datastore accepts, and each exemption from a rule with its reason.
 *
 * @param services   the services, in build order
 * @param autoscaled the services whose replica count an autoscaler owns
 * @param clientsOf  for each datastore, the workloads that may connect to it (its own members aside)
 * @param exemptions the rules that do not apply to one resource, and why
 */
public record SystemModel(List<String> services, Set<String> autoscaled, Map<String, Set<String>> clientsOf,
        List<Exempted> exemptions) {

    public static final String FILE_NAME = "system.yml";

    /** A rule that does not apply to one resource ({@code Kind/name}), and why. */
    public record Exempted(String rule, String resource, String reason) {
    }

    /** Each service's own datastore, or an empty string for a service that has none. */
    public Map<String, String> datastoreOf() {
        Map<String, String> own = new LinkedHashMap<>();
        for (String service : services) {
            own.put(service, clientsOf.entrySet().stream().filter(e -> e.getValue().contains(service))
                    .map(Map.Entry::getKey).findFirst().orElse(""));
        }
        return own;
    }

    /** For each datastore, every workload it accepts: its clients and its own members. */
    public Map<String, Set<String>> acceptedBy() {
        Map<String, Set<String>> accepted = new LinkedHashMap<>();
        clientsOf.forEach((datastore, clients) -> {
            Set<String> all = new LinkedHashSet<>(clients);
            all.add(datastore);
            accepted.put(datastore, all);
        });
        return accepted;
    }

    @SuppressWarnings("unchecked")
    public static SystemModel read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException("No " + FILE_NAME + " at " + file + ": the platform sources must state the system");
        }
        List<Map<String, Object>> documents = Yaml.read(file);
        Map<String, Object> system = documents.isEmpty() ? Map.of() : documents.get(0);
        for (String key : system.keySet()) {
            if (!Set.of("services", "datastores", "exemptions").contains(key)) {
                throw new BundleException(file + ": " + key + " is not a section; " + FILE_NAME
                        + " has services, datastores and exemptions");
            }
        }
        List<String> services = new ArrayList<>();
        Set<String> autoscaled = new TreeSet<>();
        for (Object item : list(file, system, "services")) {
            if (!(item instanceof Map<?, ?> service) || !(service.get("name") instanceof String name) || name.isBlank()
                    || !(service.get("autoscaled") instanceof Boolean scaled)) {
                throw new BundleException(file + ": each of services needs a name and autoscaled (true or false), not " + item);
            }
            if (services.contains(name)) {
                throw new BundleException(file + ": service " + name + " is listed twice");
            }
            services.add(name);
            if (scaled) {
                autoscaled.add(name);
            }
        }
        Map<String, Set<String>> clientsOf = new LinkedHashMap<>();
        Object datastores = system.get("datastores");
        if (!(datastores instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new BundleException(file + ": datastores must map each datastore to the workloads it accepts");
        }
        ((Map<String, Object>) map).forEach((datastore, clients) -> {
            if (!(clients instanceof List<?> names) || names.isEmpty()) {
                throw new BundleException(file + ": datastores." + datastore + " must list the workloads it accepts");
            }
            clientsOf.put(datastore, new LinkedHashSet<>(names.stream().map(String::valueOf).toList()));
        });
        List<Exempted> exemptions = new ArrayList<>();
        for (Object item : system.containsKey("exemptions") ? list(file, system, "exemptions") : List.of()) {
            Map<String, Object> exemption = item instanceof Map<?, ?> e ? (Map<String, Object>) e : Map.of();
            Object rule = exemption.get("rule");
            Object resource = exemption.get("resource");
            Object reason = exemption.get("reason");
            if (rule == null || resource == null || !String.valueOf(resource).contains("/") || reason == null
                    || String.valueOf(reason).isBlank()) {
                throw new BundleException(file + ": each exemption needs a rule, a resource (Kind/name) and a reason, not " + item);
            }
            exemptions.add(new Exempted(rule.toString(), resource.toString(), reason.toString()));
        }
        return new SystemModel(List.copyOf(services), autoscaled, clientsOf, List.copyOf(exemptions));
    }

    private static List<Object> list(Path file, Map<String, Object> system, String key) {
        if (!(system.get(key) instanceof List<?> items) || items.isEmpty()) {
            throw new BundleException(file + ": " + key + " must be a list");
        }
        return new ArrayList<>(items);
    }
}
