package io.salesorder.platform.bundle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a public request path lands, through each edge of a bundle, by the edge's own matching and rewriting rules:
 * Gateway API's {@code PathPrefix} (whole path segments, longest prefix first) with {@code ReplacePrefixMatch}, and
 * ingress-nginx's regular-expression locations ({@code use-regex}, anchored at the start, case-insensitive, longest
 * path first) with {@code rewrite-target}, F5's NGINX Ingress Controller's {@code nginx.org/rewrites} on prefix paths,
 * or the {@code Prefix} and {@code Exact} path types of other controllers.
 */
public final class EdgeRoutes {

    /** What a request reaches: the edge resource, the Service, and the path the service receives. */
    public record Reached(String edge, String service, String path) {
    }

    /**
     * A Service an edge resource sends traffic to, as it names it: its port (a name or a number) and the path
     * match the way it is written ({@code /userservice(/|$)(.*)}, {@code /userservice}).
     */
    public record Backend(String service, Object port, String path) {
    }

    /** One way in: a path matcher, its rewrite, and its Service. */
    private record Route(String edge, int length, String service, java.util.function.Function<String, Optional<String>> rewrite) {
    }

    private final Map<String, List<Route>> routesByEdge = new LinkedHashMap<>();
    private final List<Backend> backends = new ArrayList<>();
    /** Paths an edge answers with a redirect instead of routing them, and where to. */
    private final Map<String, Map<String, String>> redirectsByEdge = new LinkedHashMap<>();

    public EdgeRoutes(List<Resource> resources) {
        for (Resource resource : resources) {
            if ("Ingress".equals(resource.kind())) {
                routesByEdge.put(resource.id(), ingress(resource, redirectsByEdge.computeIfAbsent(resource.id(),
                        id -> new LinkedHashMap<>()), backends));
            } else if ("HTTPRoute".equals(resource.kind())) {
                List<Route> routes = httpRoute(resource, backends);
                if (!routes.isEmpty()) {
                    routesByEdge.put(resource.id(), routes);
                }
            }
        }
        routesByEdge.values().forEach(routes -> routes.sort(Comparator.comparingInt(Route::length).reversed()));
    }

    /** Every Service an Ingress path or an HTTPRoute rule names, in the order they are named. */
    public List<Backend> backends() {
        return List.copyOf(backends);
    }

    /** The edge resources that route to services ({@code Ingress/…}, {@code HTTPRoute/…}). */
    public List<String> edges() {
        return List.copyOf(routesByEdge.keySet());
    }

    /** Where {@code publicPath} (with any query) lands through {@code edge}, if anywhere. */
    public Optional<Reached> reach(String edge, String publicPath) {
        int query = publicPath.indexOf('?');
        String path = query < 0 ? publicPath : publicPath.substring(0, query);
        String rest = query < 0 ? "" : publicPath.substring(query);
        for (Route route : routesByEdge.getOrDefault(edge, List.of())) {
            Optional<String> upstream = route.rewrite().apply(path);
            if (upstream.isPresent()) {
                return Optional.of(new Reached(edge, route.service(), upstream.get() + rest));
            }
        }
        return Optional.empty();
    }

    /** Where {@code publicPath} is redirected to by {@code edge} before any routing, if it is. */
    public Optional<String> redirect(String edge, String publicPath) {
        return Optional.ofNullable(redirectsByEdge.getOrDefault(edge, Map.of()).get(publicPath));
    }

    @SuppressWarnings("unchecked")
    private static List<Route> httpRoute(Resource resource, List<Backend> backends) {
        List<Route> routes = new ArrayList<>();
        Map<String, Object> spec = Resource.map(resource.document(), "spec");
        for (Object item : (List<Object>) spec.getOrDefault("rules", List.of())) {
            Map<String, Object> rule = (Map<String, Object>) item;
            List<Object> refs = (List<Object>) rule.getOrDefault("backendRefs", List.of());
            List<Object> matches = (List<Object>) rule.getOrDefault("matches", List.of(Map.of()));
            for (Object ref : refs) {
                Map<String, Object> backend = (Map<String, Object>) ref;
                for (Object match : matches) {
                    Object value = ((Map<String, Object>) ((Map<String, Object>) match).getOrDefault("path", Map.of()))
                            .getOrDefault("value", "/");
                    backends.add(new Backend(String.valueOf(backend.get("name")), backend.get("port"),
                            String.valueOf(value)));
                }
            }
            if (refs.size() != 1) {
                continue; // a redirect, or a traffic split, which this project does not use
            }
            String service = String.valueOf(((Map<String, Object>) refs.get(0)).get("name"));
            Optional<String> replacement = Optional.empty();
            for (Object filter : (List<Object>) rule.getOrDefault("filters", List.of())) {
                Map<String, Object> path = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) filter)
                        .getOrDefault("urlRewrite", Map.of())).getOrDefault("path", Map.of());
                if ("ReplacePrefixMatch".equals(path.get("type"))) {
                    replacement = Optional.of(String.valueOf(path.get("replacePrefixMatch")));
                }
            }
            for (Object match : matches) {
                Map<String, Object> path = (Map<String, Object>) ((Map<String, Object>) match)
                        .getOrDefault("path", Map.of("type", "PathPrefix", "value", "/"));
                String type = String.valueOf(path.getOrDefault("type", "PathPrefix"));
                String value = String.valueOf(path.getOrDefault("value", "/"));
                Optional<String> replace = replacement;
                routes.add(new Route(resource.id(), value.length() + ("Exact".equals(type) ? 1 : 0), service, request -> {
                    if ("Exact".equals(type)) {
                        return request.equals(value) ? Optional.of(replace.orElse(request)) : Optional.empty();
                    }
                    if (!"PathPrefix".equals(type)) {
                        throw new BundleException(resource.id() + " matches with " + type + ", which the edge check does not model");
                    }
                    String prefix = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                    boolean matched = prefix.equals("/") || request.equals(prefix) || request.startsWith(prefix + "/");
                    if (!matched) {
                        return Optional.empty();
                    }
                    return Optional.of(replace.map(r -> replacePrefix(request, prefix, r)).orElse(request));
                }));
            }
        }
        return routes;
    }

    /** Gateway API's ReplacePrefixMatch: /foo with / turns /foo/bar into /bar and /foo into /. */
    static String replacePrefix(String request, String prefix, String replacement) {
        String remainder = prefix.equals("/") ? request : request.substring(prefix.length());
        String joined = replacement.endsWith("/") && remainder.startsWith("/") ? replacement + remainder.substring(1)
                : replacement + remainder;
        return joined.isEmpty() ? "/" : joined;
    }

    @SuppressWarnings("unchecked")
    private static List<Route> ingress(Resource resource, Map<String, String> redirects, List<Backend> backends) {
        Map<String, Object> annotations = (Map<String, Object>) resource.metadata().getOrDefault("annotations", Map.of());
        boolean regex = "true".equals(String.valueOf(annotations.get("nginx.ingress.kubernetes.io/use-regex")));
        Object target = annotations.get("nginx.ingress.kubernetes.io/rewrite-target");
        Map<String, String> rewrites = new LinkedHashMap<>();
        for (String entry : String.valueOf(annotations.getOrDefault("nginx.org/rewrites", "")).split(";")) {
            Matcher rewrite = Pattern.compile("\\s*serviceName=(\\S+)\\s+rewrite=(\\S+)\\s*").matcher(entry);
            if (rewrite.matches()) {
                rewrites.put(rewrite.group(1), rewrite.group(2));
            }
        }
        List<Route> routes = new ArrayList<>();
        Map<String, Object> spec = Resource.map(resource.document(), "spec");
        for (Object rule : (List<Object>) spec.getOrDefault("rules", List.of())) {
            Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) rule).getOrDefault("http", Map.of());
            for (Object item : (List<Object>) http.getOrDefault("paths", List.of())) {
                Map<String, Object> path = (Map<String, Object>) item;
                String value = String.valueOf(path.get("path"));
                String type = String.valueOf(path.get("pathType"));
                Map<String, Object> backend = (Map<String, Object>) ((Map<String, Object>) path
                        .getOrDefault("backend", Map.of())).getOrDefault("service", Map.of());
                String service = String.valueOf(backend.get("name"));
                Map<String, Object> port = (Map<String, Object>) backend.getOrDefault("port", Map.of());
                backends.add(new Backend(service, port.containsKey("name") ? port.get("name") : port.get("number"),
                        value));
                if (regex) {
                    Pattern pattern = Pattern.compile("^" + value, Pattern.CASE_INSENSITIVE);
                    routes.add(new Route(resource.id(), value.length(), service, request -> {
                        Matcher matcher = pattern.matcher(request);
                        if (!matcher.lookingAt()) {
                            return Optional.empty();
                        }
                        return Optional.of(target == null ? request : rewrite(matcher, target.toString()));
                    }));
                } else if (rewrites.containsKey(service) && "Prefix".equals(type) && value.endsWith("/")) {
                    // nginx answers the prefix without its slash with a redirect to it, then strips the prefix.
                    String replacement = rewrites.get(service);
                    redirects.put(value.substring(0, value.length() - 1), value);
                    routes.add(new Route(resource.id(), value.length(), service, request -> request.startsWith(value)
                            ? Optional.of(replacement + request.substring(value.length())) : Optional.empty()));
                } else {
                    routes.add(new Route(resource.id(), value.length() + ("Exact".equals(type) ? 1 : 0), service, request -> {
                        boolean matched = "Exact".equals(type) ? request.equals(value)
                                : value.equals("/") || request.equals(value) || request.startsWith(value.endsWith("/") ? value : value + "/");
                        return matched ? Optional.of(request) : Optional.empty();
                    }));
                }
            }
        }
        return routes;
    }

    /** nginx's {@code rewrite}: {@code $1}…{@code $9} are the groups of the location's expression. */
    private static String rewrite(Matcher matcher, String target) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '$' && i + 1 < target.length() && Character.isDigit(target.charAt(i + 1))) {
                int group = target.charAt(++i) - '0';
                String value = group <= matcher.groupCount() ? matcher.group(group) : null;
                result.append(value == null ? "" : value);
            } else {
                result.append(c);
            }
        }
        return result.toString();
    }
}
