package io.salesorder.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.RedisResource;
import io.salesorder.testsupport.RedisServer;
import io.salesorder.testsupport.TestTokens;

/** A page of items costs two round trips to Redis, whatever its size, as Redis's MONITOR sees them. */
@QuarkusTest
class RoundTripsTest {

    /** The item commands the service sent itself (not those a script ran inside Redis) while {@code work} ran. */
    private static List<String> commandsDuring(Runnable work) throws Exception {
        RedisServer redis = RedisResource.server();
        try (Socket monitor = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
            monitor.setSoTimeout(500);
            OutputStream out = monitor.getOutputStream();
            out.write(("AUTH " + redis.password() + "\r\nMONITOR\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("+OK");
            assertThat(in.readLine()).isEqualTo("+OK");
            work.run();
            List<String> commands = new ArrayList<>();
            try {
                for (String line; (line = in.readLine()) != null;) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (!lower.contains(" lua]") && lower.matches(".*\\] \"(zrange|zcard|mget|get|eval|evalsha)\".*")) {
                        commands.add(line);
                    }
                }
            } catch (SocketTimeoutException quiet) {
                // Nothing more was sent within half a second.
            }
            return commands;
        }
    }

    @Test
    void a_page_of_items_costs_two_round_trips_whatever_its_size() throws Exception {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        for (int size : new int[] { 7, 100 }) {
            List<String> commands = commandsDuring(() -> given().header("Authorization", token)
                    .queryParam("size", size).get("/item/list").then().statusCode(200));
            assertThat(commands).as("commands for a page of " + size).hasSize(2);
        }
    }
}
