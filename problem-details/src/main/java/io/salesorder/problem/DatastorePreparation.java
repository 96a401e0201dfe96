package io.salesorder.problem;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * Work a service must do on its datastore before it is ready (a migration, an index), done at start when the
 * datastore answers and otherwise retried in the background until it does: a service never exits because its
 * datastore is not there yet. Meanwhile it runs not ready, and its requests get the fast 503 of an outage.
 */
public final class DatastorePreparation {

    private static final Logger LOG = Logger.getLogger(DatastorePreparation.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    private final String what;
    private final Runnable work;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean stopping;
    private String lastFailure;

    /** {@code what} names the work in logs ("the schema"); {@code work} throws while the datastore does not answer. */
    public DatastorePreparation(String what, Runnable work) {
        this.what = what;
        this.work = work;
    }

    /** Tries once now; if that fails, keeps trying in the background. */
    public void start() {
        if (!attempt()) {
            Thread retries = new Thread(this::retryUntilDone, "preparing " + what);
            retries.setDaemon(true);
            retries.start();
        }
    }

    public void stop() {
        stopping = true;
    }

    public boolean isDone() {
        return done.get();
    }

    private boolean attempt() {
        try {
            work.run();
            done.set(true);
            return true;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(lastFailure)) {
                LOG.warnf("%s is not ready yet (%s); retrying every %ds, not ready meanwhile", what, message, RETRY_EVERY.toSeconds());
                lastFailure = message;
            }
            return false;
        }
    }

    private void retryUntilDone() {
        while (!stopping && !attempt()) {
            try {
                Thread.sleep(RETRY_EVERY.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (done.get()) {
            LOG.infof("%s is ready", what);
        }
    }
}
