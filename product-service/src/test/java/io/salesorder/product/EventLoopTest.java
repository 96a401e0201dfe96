package io.salesorder.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salesorder.testsupport.TestTokens;
import io.smallrye.common.annotation.Blocking;

/**
 * Reading items waits for Redis without holding a worker thread: with the worker pool cut to one thread and that
 * thread held, GET /item/list and GET /item/{name} still answer, and POST /item too.
 */
@QuarkusTest
@TestProfile(EventLoopTest.OneWorker.class)
class EventLoopTest {

    public static class OneWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.core-threads", "1", "quarkus.thread-pool.max-threads", "1");
        }
    }

    static final CountDownLatch HELD = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** Holds the one worker thread until the test releases it (ten seconds at most). */
    @Path("/test/hold-the-worker")
    public static class HoldTheWorker {
        @GET
        @Blocking
        public String hold() throws InterruptedException {
            HELD.countDown();
            RELEASE.await(10, TimeUnit.SECONDS);
            return "released";
        }
    }

    @Test
    void items_are_read_and_written_while_every_worker_thread_is_busy() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER", "ADMIN"));
        CompletableFuture<HttpResponse<String>> holder = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/test/hold-the-worker")).build(), HttpResponse.BodyHandlers.ofString());
        try {
            assertThat(HELD.await(5, TimeUnit.SECONDS)).as("the worker thread is held").isTrue();

            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/item/list?size=100"))
                    .header("Authorization", token).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).as("GET /item/list").isEqualTo(200);
            assertThat(list.body()).contains("\"name\":\"Laptop\"");
            HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(base + "/item/Laptop"))
                    .header("Authorization", token).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(one.statusCode()).as("GET /item/Laptop").isEqualTo(200);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/item"))
                    .header("Authorization", token).header("Content-Type", "application/json").timeout(Duration.ofSeconds(3))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Held-worker lamp\",\"price\":12.50}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as("POST /item").isEqualTo(201);

            assertThat(holder).as("the held worker is still held").isNotDone();
        } finally {
            RELEASE.countDown();
        }
        assertThat(holder.get(5, TimeUnit.SECONDS).body()).isEqualTo("released");
    }
}
