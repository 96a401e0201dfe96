package io.salesorder.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.bcrypt.BCrypt;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * One login's cost: checking a password against a stored bcrypt hash of cost 10, the strength user-service keeps,
 * with each implementation checking the hash the other made (the two formats must stay interchangeable).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BcryptBenchmark {

    private static final String PASSWORD = "user-pass-1";

    private String elytronHash;
    private String springHash;

    @Setup
    public void hashes() {
        elytronHash = BcryptUtil.bcryptHash(PASSWORD, 10);
        springHash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(10));
        if (!BCrypt.checkpw(PASSWORD, elytronHash) || !BcryptUtil.matches(PASSWORD, springHash)) {
            throw new IllegalStateException("the two implementations do not read each other's hashes");
        }
    }

    @Benchmark
    public boolean elytronMatches() {
        return BcryptUtil.matches(PASSWORD, elytronHash);
    }

    @Benchmark
    public boolean springSecurityMatches() {
        return BCrypt.checkpw(PASSWORD, elytronHash);
    }
}
