package dev.skim.bridge.memory;

import dev.skim.avro.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Turns a record the bridge cannot read into a {@link DeadLetter} with its coordinates, logs it and
 * counts it in {@value #METRIC} (tags {@code topic}: the input topic, {@code stage}).
 */
final class DeadLetters {

    static final String METRIC = "skim.bridge.dead.letters";

    /** The value bytes were not a record of the topic's schema (or not Avro at all). */
    static final String STAGE_DESERIALIZE = "deserialize";

    /** The record decoded but breaks what the memory relies on (key, vectors, JPEG, ...). */
    static final String STAGE_VALIDATE = "validate";

    /** Originals larger than this are referenced by their coordinates instead of copied. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MeterRegistry registry;

    /** Registers the counters of {@code topics} at zero, so that a rate over them exists. */
    DeadLetters(MeterRegistry registry, List<String> topics) {
        this.registry = registry;
        for (String topic : topics) {
            for (String stage : List.of(STAGE_DESERIALIZE, STAGE_VALIDATE)) {
                counter(topic, stage);
            }
        }
    }

    /**
     * A dead letter for the record at {@code where}.
     *
     * @param payload the record's value bytes (null for a tombstone)
     * @param failedAtMillis wall-clock time of the failure
     */
    DeadLetter of(
            RecordMetadata where,
            String streamId,
            byte[] payload,
            String stage,
            Exception error,
            long failedAtMillis) {
        String reason = error.getMessage() == null ? error.toString() : error.getMessage();
        LOG.warnf(
                "Dead letter: stream=%s %s-%d@%d stage=%s: %s",
                streamId, where.topic(), where.partition(), where.offset(), stage, reason);
        counter(where.topic(), stage).increment();
        boolean keep = payload != null && payload.length <= MAX_PAYLOAD_BYTES;
        return DeadLetter.newBuilder()
                .setStreamId(streamId)
                .setTopic(where.topic())
                .setPartition(where.partition())
                .setOffset(where.offset())
                .setStage(stage)
                .setReason(reason)
                .setExceptionClass(error.getClass().getName())
                .setPayload(keep ? ByteBuffer.wrap(payload) : null)
                .setPayloadRef(
                        payload != null && !keep
                                ? String.format(
                                        "%s/%d@%d (%d bytes, not copied)",
                                        where.topic(),
                                        where.partition(),
                                        where.offset(),
                                        payload.length)
                                : null)
                .setFailedAt(Instant.ofEpochMilli(failedAtMillis))
                .build();
    }

    private Counter counter(String topic, String stage) {
        return Counter.builder(METRIC)
                .tag("topic", topic)
                .tag("stage", stage)
                .description("Records the bridge could not read, sent to its dead-letter topic")
                .register(registry);
    }
}
