package io.salesorder.problem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens whose signature and claims were verified, with what the verification made of them, so that a
 * client's next request with the same token skips the RSA check. Bounded in size (the least recently used entry
 * goes first) and in time: an entry lasts until its token expires, and never longer than {@link #LONGEST}, so that
 * a changed verification key is honoured within that time.
 *
 * @param <V> what a verification made of a token
 */
public final class VerifiedTokens<V> {

    /** The longest time a verification is trusted without being made again. */
    public static final Duration LONGEST = Duration.ofMinutes(5);

    private record Entry<V>(V value, Instant until) {
    }

    private final int capacity;
    private final Clock clock;
    private final Map<String, Entry<V>> entries;

    public VerifiedTokens(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > VerifiedTokens.this.capacity;
            }
        };
    }

    /** What the verification of this token made, while it is still trusted. */
    public synchronized Optional<V> get(String token) {
        Entry<V> entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.until())) {
            entries.remove(token);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /**
     * Keeps a verification of a token that expires at {@code expiresAt}; an expired token is not kept, and a token
     * still kept keeps its first deadline (a token in constant use is verified again every {@link #LONGEST}).
     */
    public synchronized void put(String token, V value, Instant expiresAt) {
        Instant now = clock.instant();
        Entry<V> kept = entries.get(token);
        if (kept != null && now.isBefore(kept.until())) {
            return;
        }
        Instant until = expiresAt.isBefore(now.plus(LONGEST)) ? expiresAt : now.plus(LONGEST);
        if (until.isAfter(now)) {
            entries.put(token, new Entry<>(value, until));
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
