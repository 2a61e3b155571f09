package dev.skim.compressor.errors;

import dev.skim.avro.DeadLetter;
import dev.skim.compressor.wire.WireFormat;
import dev.skim.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

/**
 * Sends a dead letter with its own idempotent producer, for the Kafka Streams exception handlers
 * (outside the stream task's transaction: they run where the topology could not route the record
 * itself). Created lazily, so a healthy application never opens it.
 */
final class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final Map<String, Object> producerConfig = new HashMap<>();
    private Topics topics;
    private KafkaProducer<String, DeadLetter> producer;

    void configure(Map<String, ?> streamsConfig) {
        streamsConfig.forEach(
                (k, v) -> {
                    if (ProducerConfig.configNames().contains(k)) {
                        producerConfig.put(k, v);
                    }
                });
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "skim-compressor-dead-letters");
    }

    /**
     * Publishes a dead letter for the record at the context's coordinates and waits for the ack.
     *
     * @return whether it was written
     */
    synchronized boolean publish(
            ErrorHandlerContext where, byte[] key, byte[] value, String stage, Exception error) {
        String streamId = key == null ? null : new String(key, StandardCharsets.UTF_8);
        String reason = error.getMessage() == null ? error.toString() : error.getMessage();
        DeadLetter letter =
                DeadLetters.of(
                        streamId,
                        where.topic(),
                        where.partition(),
                        where.offset(),
                        stage,
                        reason,
                        error,
                        value);
        LOG.warnf(
                "Dead letter from the %s handler: stream=%s %s-%d@%d: %s",
                stage, streamId, where.topic(), where.partition(), where.offset(), reason);
        try {
            if (producer == null) {
                // the app's wire format (skim.serde.*), as the topology writes its dead letters
                topics = WireFormat.topics();
                producer =
                        new KafkaProducer<>(
                                producerConfig,
                                new StringSerializer(),
                                topics.deadLetters().valueSerde().serializer());
            }
            producer.send(new ProducerRecord<>(topics.deadLetters().name(), streamId, letter))
                    .get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.errorf(
                    e,
                    "Cannot write the dead letter for %s-%d@%d",
                    where.topic(),
                    where.partition(),
                    where.offset());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
