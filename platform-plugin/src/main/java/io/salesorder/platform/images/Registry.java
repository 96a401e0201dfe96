package io.salesorder.platform.images;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two calls of the OCI distribution API that the image reuse needs: read a manifest by tag, and put a
 * manifest under another tag. Plain HTTP for an insecure registry (a local one), HTTPS otherwise; a registry that
 * answers 401 gets the bearer token its challenge names (anonymous, or with the given credentials).
 */
public final class Registry {

    /** A failure to ask the registry: the caller builds the image as if nothing were there. */
    public static final class RegistryException extends Exception {
        RegistryException(String message) {
            super(message);
        }
    }

    /** A manifest as the registry holds it: its digest, media type and exact bytes. */
    public record Manifest(String digest, String mediaType, byte[] body) {
    }

    private static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String base;
    private final Optional<String> basicCredentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private String bearer;

    /**
     * @param registry the registry's host and port, as in an image reference
     * @param insecure plain HTTP (a local registry)
     * @param username credentials, or empty for anonymous access
     * @param password the password for {@code username}
     */
    public Registry(String registry, boolean insecure, Optional<String> username, Optional<String> password) {
        this.base = (insecure ? "http://" : "https://") + registry;
        this.basicCredentials = username.map(user -> Base64.getEncoder()
                .encodeToString((user + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    /** The manifest a repository holds under a tag, or empty when it holds none. */
    public Optional<Manifest> manifest(String repository, String tag) throws RegistryException {
        HttpResponse<byte[]> response = send(() -> HttpRequest.newBuilder(manifestUri(repository, tag))
                .header("Accept", ACCEPT).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new RegistryException("reading " + repository + ":" + tag + " answered " + response.statusCode());
        }
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(ImageInputs.sha256().digest(response.body()));
        Optional<String> stated = response.headers().firstValue("Docker-Content-Digest");
        if (stated.isPresent() && !stated.get().equals(digest)) {
            throw new RegistryException(repository + ":" + tag + " came with digest " + stated.get()
                    + " but its bytes hash to " + digest);
        }
        String mediaType = response.headers().firstValue("Content-Type").orElse("application/vnd.oci.image.manifest.v1+json");
        return Optional.of(new Manifest(digest, mediaType, response.body()));
    }

    /** Puts a manifest the repository holds under one more tag. */
    public void tag(String repository, Manifest manifest, String tag) throws RegistryException {
        HttpResponse<byte[]> response = send(() -> HttpRequest.newBuilder(manifestUri(repository, tag))
                .header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new RegistryException("tagging " + repository + ":" + tag + " answered " + response.statusCode());
        }
    }

    private URI manifestUri(String repository, String reference) {
        return URI.create(base + "/v2/" + repository + "/manifests/" + reference);
    }

    private interface RequestFactory {
        HttpRequest.Builder create();
    }

    private HttpResponse<byte[]> send(RequestFactory request) throws RegistryException {
        HttpResponse<byte[]> response = exchange(authorized(request.create()).build());
        if (response.statusCode() == 401) {
            Optional<String> challenge = response.headers().firstValue("WWW-Authenticate");
            if (challenge.isEmpty()) {
                throw new RegistryException("the registry answered 401 without a challenge");
            }
            authenticate(challenge.get());
            response = exchange(authorized(request.create()).build());
            if (response.statusCode() == 401) {
                throw new RegistryException("the registry refused the credentials (401)");
            }
        }
        return response;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        request.timeout(TIMEOUT);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        } else {
            basicCredentials.ifPresent(credentials -> request.header("Authorization", "Basic " + credentials));
        }
        return request;
    }

    private void authenticate(String challenge) throws RegistryException {
        if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (basicCredentials.isEmpty()) {
                throw new RegistryException("the registry asks for credentials (set quarkus.container-image.username"
                        + " and password)");
            }
            throw new RegistryException("the registry refused the credentials (401)");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher parameter = CHALLENGE_PARAMETER.matcher(challenge.substring(7));
        while (parameter.find()) {
            parameters.put(parameter.group(1), parameter.group(2));
        }
        String realm = parameters.remove("realm");
        if (realm == null) {
            throw new RegistryException("the registry's challenge names no realm: " + challenge);
        }
        StringBuilder query = new StringBuilder();
        parameters.forEach((key, value) -> query.append(query.length() == 0 ? "?" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(URI.create(realm + query)).timeout(TIMEOUT).GET();
        basicCredentials.ifPresent(credentials -> tokenRequest.header("Authorization", "Basic " + credentials));
        HttpResponse<byte[]> response = exchange(tokenRequest.build());
        if (response.statusCode() != 200) {
            throw new RegistryException("the registry's token service answered " + response.statusCode());
        }
        try {
            JsonNode body = new ObjectMapper().readTree(response.body());
            JsonNode token = body.hasNonNull("token") ? body.get("token") : body.get("access_token");
            if (token == null || !token.isTextual()) {
                throw new RegistryException("the registry's token service gave no token");
            }
            bearer = token.asText();
        } catch (IOException e) {
            throw new RegistryException("the registry's token service gave no JSON: " + e.getMessage());
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws RegistryException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException("could not reach " + request.uri().getAuthority() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted");
        }
    }
}
