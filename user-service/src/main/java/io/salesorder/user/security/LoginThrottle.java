package io.salesorder.user.security;

import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Slows password guessing down, and never locks an account for ever. Failed logins are counted three ways:
 * <ul>
 * <li>per username and client: after {@value #FREE_PER_PAIR} failures, each further one blocks that client for that
 * username, 1 s, then 2, 4, ... up to 15 minutes;</li>
 * <li>per client, whatever the usernames: the same after {@value #FREE_PER_CLIENT} failures;</li>
 * <li>per username, whatever the clients (a guess spread over many addresses): after {@value #FREE_PER_USERNAME}
 * failures, each further one blocks everyone for that username, for at most {@code 30 s}, so that an attack can
 * slow its owner down but never shut them out.</li>
 * </ul>
 * A success clears the username's counts; a count is forgotten {@code 15 min} after its last failure. While
 * blocked, a login is refused without its password being checked. The counts live in the pod, as the users do.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_PER_PAIR = 5;
    static final int FREE_PER_CLIENT = 20;
    static final int FREE_PER_USERNAME = 20;
    static final Duration LONGEST_BLOCK = Duration.ofMinutes(15);
    static final Duration LONGEST_USERNAME_BLOCK = Duration.ofSeconds(30);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    /** Bounds the memory an attack with ever new usernames or addresses can take. */
    static final int MAX_TRACKED = 100_000;

    private record Count(int failures, long lastFailure, long blockedUntil) {
    }

    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public LoginThrottle() {
        this(System::nanoTime);
    }

    LoginThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** How long {@code client} must wait before trying {@code username}, if it must. */
    public Optional<Duration> wait(String username, String client) {
        long now = nanoClock.getAsLong();
        long until = Math.max(blockedUntil(pair(username, client), now),
                Math.max(blockedUntil(clientKey(client), now), blockedUntil(usernameKey(username), now)));
        return until > now ? Optional.of(Duration.ofNanos(until - now)) : Optional.empty();
    }

    public void failed(String username, String client) {
        long now = nanoClock.getAsLong();
        if (counts.size() >= MAX_TRACKED) {
            evict(now);
        }
        record(pair(username, client), FREE_PER_PAIR, LONGEST_BLOCK, now);
        record(clientKey(client), FREE_PER_CLIENT, LONGEST_BLOCK, now);
        record(usernameKey(username), FREE_PER_USERNAME, LONGEST_USERNAME_BLOCK, now);
    }

    public void succeeded(String username, String client) {
        counts.remove(pair(username, client));
        counts.remove(usernameKey(username));
    }

    /** How many counts are held. */
    int tracked() {
        return counts.size();
    }

    private long blockedUntil(String key, long now) {
        Count count = counts.get(key);
        if (count == null) {
            return 0;
        }
        if (now - count.lastFailure() > FORGET_AFTER.toNanos()) {
            counts.remove(key, count);
            return 0;
        }
        return count.blockedUntil();
    }

    private void record(String key, int free, Duration longest, long now) {
        counts.compute(key, (k, previous) -> {
            int failures = previous == null || now - previous.lastFailure() > FORGET_AFTER.toNanos()
                    ? 1
                    : previous.failures() + 1;
            long block = failures < free ? 0 : backoff(failures - free, longest);
            return new Count(failures, now, block == 0 ? 0 : now + block);
        });
    }

    /** 1 s for the first failure past the free ones, doubling up to {@code longest}. */
    static long backoff(int beyondFree, Duration longest) {
        long seconds = beyondFree >= 20 ? Long.MAX_VALUE : 1L << beyondFree;
        return Math.min(Duration.ofSeconds(1).toNanos() * Math.min(seconds, longest.toSeconds()), longest.toNanos());
    }

    /** Forgets what is old, then, if still full, the half of the counts that failed longest ago. */
    private void evict(long now) {
        counts.entrySet().removeIf(entry -> now - entry.getValue().lastFailure() > FORGET_AFTER.toNanos());
        if (counts.size() >= MAX_TRACKED) {
            counts.entrySet().stream().sorted(Comparator.comparingLong(entry -> entry.getValue().lastFailure()))
                    .limit(counts.size() / 2).map(Map.Entry::getKey).toList().forEach(counts::remove);
        }
    }

    private static String pair(String username, String client) {
        return "pair " + normal(username) + " " + client;
    }

    private static String clientKey(String client) {
        return "client " + client;
    }

    private static String usernameKey(String username) {
        return "username " + normal(username);
    }

    private static String normal(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
