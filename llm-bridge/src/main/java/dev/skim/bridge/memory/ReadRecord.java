package dev.skim.bridge.memory;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Raw record bytes to a checked value, or to a dead letter with the reason. The deserialization
 * happens here rather than in the source's serde so that an unreadable record is routed to the
 * dead-letter topic inside the task's exactly-once transaction, like every other output.
 */
final class ReadRecord<V> implements FixedKeyProcessor<String, byte[], Outcome<V>> {

    /** What a decoded value must satisfy; throws {@link IllegalArgumentException} saying why. */
    @FunctionalInterface
    interface Check<V> {
        void check(String key, V value);
    }

    private final Deserializer<V> deserializer;
    private final Check<V> check;
    private final DeadLetters deadLetters;
    private FixedKeyProcessorContext<String, Outcome<V>> context;

    ReadRecord(Deserializer<V> deserializer, Check<V> check, DeadLetters deadLetters) {
        this.deserializer = deserializer;
        this.check = check;
        this.deadLetters = deadLetters;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        V value;
        try {
            value = deserializer.deserialize(where.topic(), record.value());
        } catch (RuntimeException e) {
            reject(record, where, DeadLetters.STAGE_DESERIALIZE, e);
            return;
        }
        try {
            if (value == null) {
                throw new IllegalArgumentException("the record has no value (tombstone)");
            }
            check.check(record.key(), value);
        } catch (RuntimeException e) {
            reject(record, where, DeadLetters.STAGE_VALIDATE, e);
            return;
        }
        context.forward(record.withValue(new Outcome.Ok<>(value)));
    }

    private void reject(
            FixedKeyRecord<String, byte[]> record,
            RecordMetadata where,
            String stage,
            RuntimeException e) {
        context.forward(
                record.withValue(
                        new Outcome.Failed<>(
                                deadLetters.of(
                                        where,
                                        record.key(),
                                        record.value(),
                                        stage,
                                        e,
                                        context.currentSystemTimeMs()))));
    }
}
