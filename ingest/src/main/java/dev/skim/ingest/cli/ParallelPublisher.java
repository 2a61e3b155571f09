package dev.skim.ingest.cli;

import dev.skim.ingest.IngestException;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishListener;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.ingest.publish.PublishSummary;
import dev.skim.video.FrameSource;
import dev.skim.video.FrameSourceException;
import dev.skim.video.cli.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes several streams at once, one thread each, through one shared producer. {@link
 * #cancel()} (from a shutdown hook) interrupts them: each flushes what it has read and ends.
 */
final class ParallelPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelPublisher.class);

    private final FramePublisher publisher;
    private final PublishOptions options;
    private final PublishListener listener;
    private volatile ExecutorService executor;
    private volatile boolean cancelled;

    ParallelPublisher(FramePublisher publisher, PublishOptions options, PublishListener listener) {
        this.publisher = publisher;
        this.options = options;
        this.listener = listener;
    }

    /** Publishes every job and returns one result per job, in order. Closes the sources. */
    List<StreamResult> run(List<StreamJob> jobs) {
        executor =
                Executors.newFixedThreadPool(
                        jobs.size(),
                        r -> {
                            Thread t = new Thread(r, "ingest-" + r.hashCode());
                            t.setDaemon(true);
                            return t;
                        });
        try {
            List<Future<StreamResult>> futures = new ArrayList<>();
            for (StreamJob job : jobs) {
                futures.add(executor.submit(() -> publishOne(job)));
            }
            List<StreamResult> results = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                results.add(await(futures.get(i), jobs.get(i)));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private StreamResult publishOne(StreamJob job) {
        try (FrameSource source = job.source()) {
            PublishSummary summary = publisher.publish(job.streamId(), source, options, listener);
            return new StreamResult.Published(
                    job.streamId(), summary, cancelled || Thread.currentThread().isInterrupted());
        } catch (IngestException e) {
            return failed(job, e, IngestCommand.exitCode(e.reason()));
        } catch (FrameSourceException e) {
            return failed(job, e, ExitCode.of(e.reason()));
        }
    }

    private static StreamResult failed(StreamJob job, RuntimeException e, ExitCode code) {
        LOG.debug(
                "Stream {} ({}) failed: {}",
                job.streamId(),
                job.source().description(),
                e.getMessage());
        return new StreamResult.Failed(job.streamId(), e.getMessage(), code);
    }

    private static StreamResult await(Future<StreamResult> future, StreamJob job) {
        while (true) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                // The shutdown hook interrupts the workers; the main thread keeps waiting for
                // them to flush.
                Thread.currentThread().interrupt();
                try {
                    return future.get(60, TimeUnit.SECONDS);
                } catch (Exception again) {
                    throw new IllegalStateException(
                            "Stream " + job.streamId() + " did not stop", again);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "Stream " + job.streamId() + " failed unexpectedly: " + e.getCause(),
                        e.getCause());
            }
        }
    }

    /** Stops every stream; each flushes what it has read. */
    void cancel() {
        cancelled = true;
        ExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }

    boolean cancelled() {
        return cancelled;
    }
}
