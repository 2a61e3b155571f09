package dev.skim.compressor.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Safety net for records Kafka Streams cannot deserialize before they reach the topology (the
 * topology reads raw bytes and deserializes frames in its decode stage, so this only sees what
 * fails earlier): writes a dead letter with stage {@code deserialize} and continues; fails the task
 * if the dead letter cannot be written, so nothing is lost.
 *
 * <p>Configured with {@code kafka-streams.deserialization.exception.handler}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private final DeadLetterPublisher publisher = new DeadLetterPublisher();

    @Override
    public void configure(Map<String, ?> configs) {
        publisher.configure(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        boolean written =
                publisher.publish(context, record.key(), record.value(), "deserialize", error);
        return written
                ? DeserializationHandlerResponse.CONTINUE
                : DeserializationHandlerResponse.FAIL;
    }
}
