package io.salesorder.platform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A Kubernetes API server for tests, on loopback: fabric8's mock in CRUD mode, taught what it lacks and the deploy
 * needs. It answers server-side apply ({@code application/apply-patch+yaml}) by creating the object or merging the
 * applied configuration into it (as a JSON merge patch: the applier always sends the whole object), honours
 * {@code dryRun=All} on those requests by answering the result without storing it, and serves scripted container
 * logs. Controllers do not exist here: tests script the status a controller would write. What a real API server
 * decides (immutable fields, merging lists by key) is tested against one, in {@code cluster-tests}.
 */
public final class ApiServerDouble implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    /** Every apply request: {@code dry-run PATCH path} or {@code PATCH path}. */
    private final List<String> applies = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    public ApiServerDouble() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Applying(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient(new JdkHttpClientFactory());
    }

    public KubernetesClient client() {
        return client;
    }

    /** What {@code GET .../pods/<pod>/log} answers, for any container. */
    public void scriptLog(String pod, String text) {
        logs.put(pod, text);
    }

    /** Answers 404 for a resource type, as an API server without its CRD does ({@code httproutes}, say). */
    public void refuseKind(String plural) {
        refused.add(plural);
    }

    public List<String> applies() {
        return applies;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private final class Applying extends KubernetesCrudDispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if ("GET".equals(request.getMethod()) && bare.matches("/api/v1/namespaces/[^/]+/pods/[^/]+/log")) {
                String text = logs.get(bare.split("/")[6]);
                return text == null ? new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"code\":404}")
                        : new MockResponse().setResponseCode(200).setBody(text);
            }
            if (refused.stream().anyMatch(plural -> bare.matches(".*/" + plural + "(/.*)?"))) {
                return new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404,"
                        + "\"message\":\"the server could not find the requested resource\"}");
            }
            String type = request.getHeader("Content-Type");
            if ("PATCH".equals(request.getMethod()) && type != null && type.startsWith("application/apply-patch")) {
                boolean dryRun = path.contains("dryRun=All");
                applies.add((dryRun ? "dry-run PATCH " : "PATCH ") + bare);
                return apply(request, bare, dryRun);
            }
            return super.dispatch(request);
        }

        private MockResponse apply(RecordedRequest request, String path, boolean dryRun) {
            try {
                JsonNode applied = YAML.readTree(request.getUtf8Body());
                MockResponse current = handleGet(path);
                if (current.code() == 404) {
                    if (dryRun) {
                        return new MockResponse().setResponseCode(201).setBody(JSON.writeValueAsString(applied));
                    }
                    String collection = path.substring(0, path.lastIndexOf('/'));
                    return handleCreate(forwarded(HttpMethod.POST, collection, "application/json", applied));
                }
                JsonNode live = JSON.readTree(current.getBody().readUtf8());
                JsonNode merged = mergePatch(live, applied);
                if (dryRun) {
                    return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(merged));
                }
                return handlePatch(forwarded(HttpMethod.PATCH, path, "application/merge-patch+json", applied));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private RecordedRequest forwarded(HttpMethod method, String path, String contentType, JsonNode body) throws IOException {
            Headers headers = new Headers.Builder().add("Content-Type", contentType).build();
            return new RecordedRequest("HTTP/1.1", method, path, headers,
                    new Buffer(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** RFC 7386: objects merge field by field, anything else replaces, null removes. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch;
        }
        ObjectNode merged = ((ObjectNode) target).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.set(field.getKey(), merged.has(field.getKey()) ? mergePatch(merged.get(field.getKey()), field.getValue())
                        : field.getValue());
            }
        }
        return merged;
    }
}
