package io.salesorder.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Behaviour every data service shares, asserted over HTTP against the application under test. */
public final class ServiceContracts {

    private ServiceContracts() {
    }

    /**
     * {@code path} needs a valid token: none, an expired one, one of another issuer or audience, one issued in the
     * future or a forged one get 401
     * (with {@code WWW-Authenticate: Bearer}), a valid one without a role 403, and each the same when it comes again.
     */
    public static void assertTokensAreRequiredAndChecked(String path) {
        given().get(path).then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("expired", TestTokens.expired("johnsmith", "USER"));
        refused.put("another issuer", TestTokens.wrongIssuer("johnsmith", "USER"));
        refused.put("forged", TestTokens.forged("johnsmith", "USER"));
        refused.put("another audience", TestTokens.otherAudience("johnsmith", "USER"));
        refused.put("issued a year from now", TestTokens.issuedInTheFuture("johnsmith", "USER"));
        refused.put("not a token", "not.a.token");
        // Twice each: a token refused once stays refused when it comes again (the verified-token cache keeps the
        // verifier's identities, and the checks after the verifier run on every request).
        for (int attempt = 1; attempt <= 2; attempt++) {
            int round = attempt;
            refused.forEach((kind, token) -> {
                Response response = given().header("Authorization", TestTokens.bearer(token)).get(path);
                assertThat(response.statusCode()).as("a token: " + kind + ", attempt " + round).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
            });
            given().header("Authorization", TestTokens.bearer(TestTokens.token("norolesuser"))).get(path)
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    /**
     * While {@code datastore} is cut, {@code path} answers a 503 problem with Retry-After within seconds and
     * readiness fails while liveness holds; once restored, both recover by themselves.
     */
    public static void assertOutageFailsFastAndRecovers(OutageProxy datastore, String path) {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        given().header("Authorization", token).get(path).then().statusCode(200);

        datastore.cut();
        try {
            long start = System.nanoTime();
            Response during = given().header("Authorization", token).get(path);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.contentType()).startsWith("application/problem+json");
            assertThat(during.header("Retry-After")).isEqualTo("5");
            assertThat(took).isLessThan(Duration.ofSeconds(8));
            given().get("/q/health/ready").then().statusCode(503);
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            datastore.restore();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            given().get("/q/health/ready").then().statusCode(200);
            given().header("Authorization", token).get(path).then().statusCode(200);
        });
    }

    /**
     * The application started while its datastore did not answer ({@link UnreachableAtStartResource}): it runs, live
     * and not ready, answering a fast 503 with {@code Retry-After}, then serves once the datastore comes, without a
     * restart.
     */
    public static void assertStartsWithoutItsDatastoreThenServes(String path) {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503);
        long start = System.nanoTime();
        Response during = given().header("Authorization", token).get(path);
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("5");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));

        UnreachableAtStartResource.relay().restore();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            given().get("/q/health/ready").then().statusCode(200);
            given().header("Authorization", token).get(path).then().statusCode(200);
        });
    }

    /**
     * A page whose offset would overflow (page × size beyond what an int holds) is a 400 naming {@code page}, never a
     * 500 and never silently the first page.
     */
    public static void assertAPageBeyondTheBoundIsRefused(String path) {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        for (String[] query : new String[][] { { "2147483647", "20" }, { "21474837", "100" } }) {
            given().header("Authorization", token).queryParam("page", query[0]).queryParam("size", query[1]).get(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", org.hamcrest.Matchers.hasItem("page"));
        }
    }

    /**
     * Each request of {@code requestToParameter} carries a path or query parameter of the wrong type
     * ({@code ?page=abc}, {@code /customer/abc}): a 400 problem naming that parameter, never a 404.
     */
    public static void assertWrongTypedParametersAreNamed(Map<String, String> requestToParameter) {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        requestToParameter.forEach((request, parameter) -> given().header("Authorization", token).get(request)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem(parameter)));
    }

    /**
     * A URI, a header block or a body beyond the limits the README states (8 KiB, 16 KiB, 64 KiB) is refused with
     * 414, 431 or 413, each an {@code application/problem+json} document like every other error; a body beyond the
     * limit is refused whether its length is declared or it comes in chunks.
     */
    public static void assertRequestsBeyondTheLimitsAreProblems(String postPath) {
        int port = RestAssured.port;
        String host = "Host: localhost:" + port;
        Duration wait = Duration.ofSeconds(10);
        assertProblem(RawHttp.exchange(port, "GET " + postPath + "?q=" + "x".repeat(12_000) + " HTTP/1.1\r\n" + host,
                new byte[0], wait), 414, "a 12,000-character URI");
        assertProblem(RawHttp.exchange(port, "GET /q/health/live HTTP/1.1\r\n" + host + "\r\nX-Padding: "
                + "x".repeat(30_000), new byte[0], wait), 431, "a 30,000-byte header");

        String head = "POST " + postPath + " HTTP/1.1\r\n" + host + "\r\nContent-Type: application/json\r\n"
                + "Authorization: " + TestTokens.bearer(TestTokens.token("johnsmith", "USER", "ADMIN"));
        byte[] large = ("{\"name\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(RawHttp.exchange(port, head + "\r\nContent-Length: " + large.length, large, wait), 413,
                "a declared 100,000-byte body");
        assertProblem(RawHttp.exchange(port, head + "\r\nTransfer-Encoding: chunked", chunked(large), wait), 413,
                "a chunked 100,000-byte body");
    }

    /**
     * {@code connections} clients each send part of a body and stop (more than the worker threads): the service keeps
     * answering {@code getPath} and its readiness within seconds, and each stalled upload is answered with a 408
     * problem once the body-read timeout has passed.
     */
    public static void assertStalledUploadsPinNothing(String postPath, String getPath, int connections) {
        int port = RestAssured.port;
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER", "ADMIN"));
        String head = "POST " + postPath + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n";
        // Past the 10 KiB a server might buffer before handing the rest of the body to a blocking reader.
        byte[] part = ("{" + " ".repeat(12_000)).getBytes(StandardCharsets.US_ASCII);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = RawHttp.connect(port, Duration.ofSeconds(25));
                stalled.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(part);
                out.flush();
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            for (String path : List.of(getPath, "/q/health/ready")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path)).timeout(Duration.ofSeconds(5)).header("Authorization", token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path + " while " + connections + " uploads stall").isEqualTo(200);
            }
            for (Socket socket : stalled) {
                assertProblem(RawHttp.read(socket), 408, "a stalled upload");
            }
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError("The service did not answer within 5 s while " + connections
                    + " uploads stall: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("A stalled upload's connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            for (Socket socket : stalled) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closed by the server already.
                }
            }
        }
    }

    /**
     * A body sent by a client that offers HTTP/2 (Java's own client does, with an h2c upgrade on plain HTTP) reaches
     * the endpoint as it does over HTTP/1.1: {@code postPath} answers {@code expectedStatus} both ways.
     */
    public static void assertBodiesArriveWhateverTheClientOffers(String postPath, String json, int expectedStatus) {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(3)).build();
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + RestAssured.port + postPath)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", TestTokens.bearer(TestTokens.token("johnsmith", "USER", "ADMIN")))
                        .POST(HttpRequest.BodyPublishers.ofString(json.replace("{version}", version.name())))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("a client offering " + version + ": " + answer.body())
                        .isEqualTo(expectedStatus);
            } catch (IOException e) {
                throw new AssertionError("A client offering " + version + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void assertProblem(RawHttp.Reply reply, int status, String what) {
        assertThat(reply.status()).as(what).isEqualTo(status);
        assertThat(reply.contentType()).as(what + ": content type").startsWith("application/problem+json");
        assertThat(reply.body()).as(what + ": body").contains("\"status\":" + status);
    }

    private static byte[] chunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 8192) {
            int length = Math.min(8192, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
