package io.salesorder.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded load on loopback: {@code connections} clients, each with its own connection, send {@code requestsEach}
 * GETs one after the other. Counts the answers by status (0 for a request that failed or timed out) and keeps
 * every latency, for tests that assert on behaviour under load and for benchmarks that print numbers.
 */
public final class LoopbackLoad {

    private LoopbackLoad() {
    }

    public record Result(Map<Integer, Long> statuses, long[] latencyNanos, Duration elapsed) {

        public long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        public long total() {
            return latencyNanos.length;
        }

        /** The latency at {@code percentile} (0 to 100), in milliseconds. */
        public double percentileMillis(double percentile) {
            if (latencyNanos.length == 0) {
                return 0;
            }
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1_000_000.0;
        }

        public double requestsPerSecond() {
            return latencyNanos.length / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    public static Result run(int port, String path, String authorization, int connections, int requestsEach) {
        if (connections < 1 || connections > 512 || requestsEach < 1 || requestsEach > 100_000) {
            throw new IllegalArgumentException("A bounded load: 1 to 512 connections, 1 to 100000 requests each");
        }
        URI target = URI.create("http://127.0.0.1:" + port + path);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        long[] latencies = new long[connections * requestsEach];
        AtomicLong next = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread client = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpRequest get = request.build();
                awaitQuietly(start);
                for (int i = 0; i < requestsEach; i++) {
                    long began = System.nanoTime();
                    int status;
                    try {
                        status = http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        status = 0;
                    }
                    latencies[(int) next.getAndIncrement()] = System.nanoTime() - began;
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
            }, "loopback-load-" + c);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread client : clients) {
            try {
                client.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        Map<Integer, Long> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.sum()));
        return new Result(counted, Arrays.copyOf(latencies, (int) next.get()), elapsed);
    }

    /**
     * Runs {@code load} while polling {@code probePath} every 100 ms on a connection of its own; returns the probe's
     * answers by status (0 for a failure or a 5 s timeout).
     */
    public static Map<Integer, Integer> probeDuring(int port, String probePath, Runnable load) {
        Map<Integer, Integer> answers = new TreeMap<>();
        java.util.concurrent.atomic.AtomicBoolean loading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread probe = new Thread(() -> {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probePath))
                    .timeout(Duration.ofSeconds(5)).build();
            while (loading.get()) {
                int status;
                try {
                    status = http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    status = 0;
                }
                synchronized (answers) {
                    answers.merge(status, 1, Integer::sum);
                }
            }
        }, "loopback-probe");
        probe.setDaemon(true);
        probe.start();
        try {
            load.run();
        } finally {
            loading.set(false);
            try {
                probe.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (answers) {
            return new TreeMap<>(answers);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
