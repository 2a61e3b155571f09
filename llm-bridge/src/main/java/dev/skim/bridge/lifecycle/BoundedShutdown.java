package dev.skim.bridge.lifecycle;

import dev.skim.bridge.config.BridgeConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.jboss.logging.Logger;

/**
 * Ends the process within {@code skim.bridge.shutdown.timeout} of SIGTERM, broker or not.
 *
 * <p>The Quarkus extension closes Kafka Streams without a timeout, and with the broker gone the
 * last exactly-once commit and the producer's close can wait for ever (a second SIGTERM does not
 * help: the JVM is already in its shutdown hooks). So this observer runs first: it closes Kafka
 * Streams with a timeout (the extension's close then returns at once, or waits on a close that did
 * not finish) and arms a watchdog that halts the JVM at the bound. Both log what was left
 * uncommitted: per input partition, the committed offset at shutdown (the next record to read);
 * records from it on are not in the committed output (their transaction is aborted) and are read
 * again at the next start.
 */
@ApplicationScoped
public class BoundedShutdown {
    private static final Logger LOG = Logger.getLogger(BoundedShutdown.class);
    private static final Duration MAX_RESERVE = Duration.ofSeconds(5);

    /** Exit status of a shutdown that had to be cut short. */
    static final int HALTED = 3;

    private final KafkaStreams streams;
    private final Duration timeout;
    private volatile boolean started;
    private volatile Thread watchdog;

    BoundedShutdown(KafkaStreams streams, BridgeConfig config) {
        this.streams = streams;
        this.timeout = config.shutdown().timeout();
    }

    /** Whether shutdown has begun. */
    public boolean started() {
        return started;
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        started = true;
        long begin = System.nanoTime();
        String open = uncommitted();
        Thread dog = new Thread(() -> haltAt(begin, open), "skim-shutdown-watchdog");
        dog.setDaemon(true);
        watchdog = dog;
        dog.start();

        Duration budget = streamsBudget(timeout);
        boolean closed = streams.close(budget);
        long ms = (System.nanoTime() - begin) / 1_000_000;
        if (closed) {
            LOG.infof(
                    "Kafka Streams closed in %d ms (state %s); uncommitted at shutdown: %s; what"
                            + " its last commit did not cover is read again at the next start",
                    ms, streams.state(), open);
        } else {
            LOG.warnf(
                    "Kafka Streams did not close within %d ms (is the broker reachable?); left"
                            + " uncommitted: %s; it is read again at the next"
                            + " start. The process ends within %s of SIGTERM"
                            + " (skim.bridge.shutdown.timeout)",
                    budget.toMillis(), open, timeout);
        }
    }

    /**
     * The beans are destroyed after every shutdown observer returned: the shutdown did finish, so
     * the watchdog stands down (in tests the JVM lives on after the app stopped).
     */
    @PreDestroy
    void finished() {
        Thread dog = watchdog;
        if (dog != null) {
            dog.interrupt();
        }
    }

    /** What Kafka Streams gets of the bound: the rest is for the rest of Quarkus' shutdown. */
    static Duration streamsBudget(Duration timeout) {
        Duration quarter = timeout.dividedBy(4);
        return timeout.minus(quarter.compareTo(MAX_RESERVE) < 0 ? quarter : MAX_RESERVE);
    }

    private void haltAt(long begin, String open) {
        long left = timeout.toNanos() - (System.nanoTime() - begin);
        try {
            if (left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.errorf(
                "Shutdown did not finish within %s (skim.bridge.shutdown.timeout), Kafka Streams"
                        + " is %s; halting with status %d. Left uncommitted: %s;"
                        + " it is read again at the next start",
                timeout, streams.state(), HALTED, open);
        System.out.flush();
        System.err.flush();
        // the JVM is in its shutdown hooks: exit() would wait for them, only halt() ends it
        Runtime.getRuntime().halt(HALTED);
    }

    /** Per input partition of the local active tasks: where the uncommitted records begin. */
    private String uncommitted() {
        if (!streams.state().isRunningOrRebalancing()) {
            return "nothing (Kafka Streams is " + streams.state() + ")";
        }
        try {
            Map<String, String> parts = new TreeMap<>();
            for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                for (TaskMetadata task : thread.activeTasks()) {
                    for (TopicPartition tp : task.topicPartitions()) {
                        Long committed = task.committedOffsets().get(tp);
                        parts.put(
                                tp.toString(),
                                tp
                                        + (committed == null || committed < 0
                                                ? " from its first record"
                                                : " from offset " + committed)
                                        + " (task "
                                        + task.taskId()
                                        + ")");
                    }
                }
            }
            return parts.isEmpty()
                    ? "nothing (no partitions assigned)"
                    : parts.values().stream().collect(Collectors.joining(", ", "[", "]"));
        } catch (RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    private static String offset(Long offset) {
        return offset == null || offset < 0 ? "none" : offset.toString();
    }
}
