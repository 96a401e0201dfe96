package io.salesorder.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.response.Response;

/** Behaviour every data service shares, asserted over HTTP against the application under test. */
public final class ServiceContracts {

    private ServiceContracts() {
    }

    /**
     * {@code path} needs a valid token: none, an expired one, one of another issuer or audience, one issued in the
     * future or a forged one get 401
     * (with {@code WWW-Authenticate: Bearer}), a valid one without a role 403.
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
        refused.forEach((kind, token) -> {
            Response response = given().header("Authorization", TestTokens.bearer(token)).get(path);
            assertThat(response.statusCode()).as("a token: " + kind).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        });
        given().header("Authorization", TestTokens.bearer(TestTokens.token("norolesuser"))).get(path)
                .then().statusCode(403).contentType("application/problem+json");
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
}
