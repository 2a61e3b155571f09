package dev.skim.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a Kafka Streams app within a bound of SIGTERM, broker or not (DESIGN.md section 10).
 *
 * <p>The Quarkus extension closes Kafka Streams without a timeout, and with the broker gone the
 * last exactly-once commit and the producer's close can wait for ever (a second SIGTERM does not
 * help: the JVM is already in its shutdown hooks). So the app calls {@link #close()} first on its
 * shutdown event: it closes Kafka Streams with a timeout (the extension's close then returns at
 * once, or waits on a close that did not finish) and arms a watchdog that halts the JVM at the
 * bound; {@link #finished()} stands the watchdog down once the rest of the shutdown is done. Both
 * log what was left uncommitted: per input partition, the committed offset at shutdown (the next
 * record to read); records from it on are not in the committed output (their transaction is
 * aborted) and are read again at the next start.
 *
 * <p>Each app wraps one in its CDI shutdown observer and passes its own bound and the name of the
 * property that sets it (named in the log lines).
 */
public final class StreamsShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsShutdown.class);
    private static final Duration MAX_RESERVE = Duration.ofSeconds(5);

    /** Exit status of a shutdown that had to be cut short. */
    public static final int HALTED = 3;

    private final KafkaStreams streams;
    private final Duration timeout;
    private final String timeoutKey;
    private final IntConsumer halt;
    private volatile boolean started;
    volatile Thread watchdog;

    /**
     * @param streams the app's Kafka Streams
     * @param timeout SIGTERM (the shutdown event) to the end of the process; positive
     * @param timeoutKey the property that sets {@code timeout}, for the log lines
     */
    public StreamsShutdown(KafkaStreams streams, Duration timeout, String timeoutKey) {
        // the JVM is in its shutdown hooks: exit() would wait for them, only halt() ends it
        this(streams, timeout, timeoutKey, status -> Runtime.getRuntime().halt(status));
    }

    StreamsShutdown(KafkaStreams streams, Duration timeout, String timeoutKey, IntConsumer halt) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.timeoutKey = Objects.requireNonNull(timeoutKey, "timeoutKey");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    timeoutKey + " must be a positive duration, was " + timeout);
        }
        this.timeout = timeout;
        this.halt = halt;
    }

    /** Whether shutdown has begun ({@link #close()} was called). */
    public boolean started() {
        return started;
    }

    /**
     * Arms the watchdog, then closes Kafka Streams within the bound less a reserve for the rest of
     * the app's shutdown ({@link #streamsBudget}), and logs what was left uncommitted.
     *
     * @return whether Kafka Streams closed in time
     */
    public boolean close() {
        started = true;
        long begin = System.nanoTime();
        String open = uncommitted(streams);
        Thread dog = new Thread(() -> haltAt(begin, open), "skim-shutdown-watchdog");
        dog.setDaemon(true);
        watchdog = dog;
        dog.start();

        Duration budget = streamsBudget(timeout);
        boolean closed = streams.close(budget);
        long ms = (System.nanoTime() - begin) / 1_000_000;
        if (closed) {
            LOG.info(
                    "Kafka Streams closed in {} ms (state {}); uncommitted at shutdown: {}; what"
                            + " its last commit did not cover is read again at the next start",
                    ms,
                    streams.state(),
                    open);
        } else {
            LOG.warn(
                    "Kafka Streams did not close within {} ms (is the broker reachable?); left"
                            + " uncommitted: {}; it is read again at the next start. The process"
                            + " ends within {} of SIGTERM ({})",
                    budget.toMillis(),
                    open,
                    timeout,
                    timeoutKey);
        }
        return closed;
    }

    /**
     * The rest of the shutdown finished: the watchdog stands down (in tests the JVM lives on after
     * the app stopped).
     */
    public void finished() {
        Thread dog = watchdog;
        if (dog != null) {
            dog.interrupt();
        }
    }

    /** What Kafka Streams gets of the bound: the rest is for the rest of the app's shutdown. */
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
        LOG.error(
                "Shutdown did not finish within {} ({}), Kafka Streams is {}; halting with status"
                        + " {}. Left uncommitted: {}; it is read again at the next start",
                timeout,
                timeoutKey,
                streams.state(),
                HALTED,
                open);
        System.out.flush();
        System.err.flush();
        halt.accept(HALTED);
    }

    /** Per input partition of the local active tasks: where the uncommitted records begin. */
    static String uncommitted(KafkaStreams streams) {
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
}
