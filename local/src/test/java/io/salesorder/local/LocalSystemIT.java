package io.salesorder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.salesorder.testsupport.FreePort;

/**
 * The local system as a person runs it: started as {@code mvn -Plocal} starts it (a JVM of its own), the original
 * client's calls replayed through its edge, then stopped with SIGTERM (what Ctrl+C sends the whole group), after
 * which no process it started is alive and no port it held is taken.
 */
class LocalSystemIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void one_command_runs_the_system_the_original_client_works_through_the_edge_and_stop_leaves_nothing() throws Exception {
        int edgePort = FreePort.pick();
        List<Integer> ports = List.of(FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick());
        Process system = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlocal.root=" + Path.of("..").toAbsolutePath().normalize(),
                "-Dlocal.edge-port=" + edgePort,
                "-Dlocal.service-ports=" + ports.toString().replaceAll("[\\[\\] ]", ""),
                LocalSystem.class.getName()).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> read(system, output, ready));
        List<ProcessHandle> started = new ArrayList<>();
        try {
            assertThat(ready.get(300, TimeUnit.SECONDS)).as(output.toString()).isTrue();
            started.addAll(system.descendants().toList());
            assertThat(started).as("the four services' JVMs and MariaDB").hasSizeGreaterThanOrEqualTo(5);
            assertThat(output).contains("edge              http://127.0.0.1:" + edgePort, "colinbut/password1");

            String edge = "http://127.0.0.1:" + edgePort;
            HttpResponse<String> login = send("POST", edge + "/userservice/authenticate", null,
                    "{\"username\":\"colinbut\",\"password\":\"password1\"}");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            Matcher token = Pattern.compile("\"jwtToken\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
            assertThat(token.find()).isTrue();
            String bearer = token.group(1);

            HttpResponse<String> customers = send("GET", edge + "/customerservice/customer/list", bearer, null);
            assertThat(customers.statusCode()).isEqualTo(200);
            assertThat(customers.headers().firstValue("X-Total-Count")).hasValueSatisfying(n -> assertThat(Integer.parseInt(n)).isPositive());
            String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            HttpResponse<String> created = send("POST", edge + "/customerservice/customer", bearer, """
                    {"firstName":"Ada","lastName":"Lovelace","dateOfBirth":"1815-12-10","email":"%s",
                     "address":{"houseFlatNo":"12","addressLine1":"St James's Square","postCode":"SW1Y 4JH","city":"London"}}
                    """.formatted(email));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            assertThat(send("GET", edge + "/orderservice/orders/list", bearer, null).statusCode()).isEqualTo(200);
            HttpResponse<String> order = send("POST", edge + "/orderservice/order", bearer,
                    "{\"customerId\":1,\"items\":[\"Desk\",\"Chair\"]}");
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);

            HttpResponse<String> items = send("GET", edge + "/productservice/item/list", bearer, null);
            assertThat(items.statusCode()).isEqualTo(200);
            assertThat(items.body()).startsWith("[").contains("\"name\"");
            String name = "lamp-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> item = send("POST", edge + "/productservice/item", bearer,
                    "{\"name\":\"" + name + "\",\"price\":12.50}");
            assertThat(item.statusCode()).as(item.body()).isEqualTo(201);
            assertThat(send("GET", edge + "/productservice/item/" + name, bearer, null).body()).contains(name);

            assertThat(send("GET", edge + "/customerservice/customer/list", null, null).statusCode()).isEqualTo(401);
            HttpResponse<String> unrouted = send("GET", edge + "/inventoryservice/items", bearer, null);
            assertThat(unrouted.statusCode()).isEqualTo(404);
            assertThat(unrouted.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        } finally {
            // SIGTERM through the handle: Process.destroy would also close the pipe the rest of the output comes on.
            system.toHandle().destroy();
            boolean exited = system.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                system.destroyForcibly();
                started.forEach(ProcessHandle::destroyForcibly);
            }
            assertThat(exited).as("stopped within 60 s of SIGTERM").isTrue();
            ended.get(10, TimeUnit.SECONDS);
        }
        assertThat(output).as("exit " + system.exitValue()).contains("Stopped: no service, datastore or port of it is left.");
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        List<Integer> all = new ArrayList<>(ports);
        all.add(edgePort);
        for (int port : all) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
    }

    private HttpResponse<String> send(String method, String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the system's output into {@code output} to its end, completing {@code ready} at its ready line. */
    private static void read(Process system, StringBuilder output, CompletableFuture<Boolean> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(system.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.equals(LocalSystem.READY_LINE)) {
                    ready.complete(true);
                }
            }
        } catch (IOException e) {
            // The system is gone.
        } finally {
            ready.complete(false);
        }
    }
}
