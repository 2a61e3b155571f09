package dev.skim.compressor.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.DeadLetter;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Kafka Streams safety-net handlers write dead letters to a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class DeadLetterHandlersIT {

    private static final Topics TOPICS = Topics.defaults();

    private static ErrorHandlerContext where(long offset, String node) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return Topics.FRAMES;
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return node;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 2);
            }

            @Override
            public long timestamp() {
                return 0L;
            }

            @Override
            public byte[] sourceRawKey() {
                return "cam".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return new byte[] {7, 7, 7};
            }
        };
    }

    @Test
    void shouldWriteDeadLettersForDeserializationAndProcessingErrorsAndContinue(
            KafkaBroker broker) {
        Map<String, Object> config =
                Map.of(
                        "bootstrap.servers", broker.bootstrapServers(),
                        "application.id", "skim-compressor",
                        "processing.guarantee", "exactly_once_v2");
        DeadLetterDeserializationHandler deserialization = new DeadLetterDeserializationHandler();
        deserialization.configure(config);
        DeadLetterProcessingHandler processing = new DeadLetterProcessingHandler();
        processing.configure(config);

        var bad =
                new ConsumerRecord<>(
                        Topics.FRAMES,
                        2,
                        41L,
                        "cam".getBytes(StandardCharsets.UTF_8),
                        new byte[] {1});
        assertThat(
                        deserialization.handle(
                                where(41, "frames-source"),
                                bad,
                                new IllegalArgumentException("bad key bytes")))
                .isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(
                        processing.handle(
                                where(42, "slow-fast-window"),
                                new Record<>("cam", "value", 0L),
                                new IllegalStateException("slow frame seq 9 is not stored")))
                .isEqualTo(ProcessingHandlerResponse.CONTINUE);
        assertThat(
                        processing.handle(
                                where(43, "encode"),
                                new Record<>("cam", "value", 0L),
                                new CancellationException("encoder was closed")))
                .as("shutdown is not the record's fault: fail the task, write no dead letter")
                .isEqualTo(ProcessingHandlerResponse.FAIL);

        List<DeadLetter> dead = read(broker, 2);
        assertThat(dead).extracting(DeadLetter::getOffset).containsExactly(41L, 42L);
        assertThat(dead.get(0).getStage()).isEqualTo("deserialize");
        assertThat(dead.get(0).getReason()).isEqualTo("bad key bytes");
        assertThat(dead.get(0).getPayload()).isEqualTo(ByteBuffer.wrap(new byte[] {1}));
        assertThat(dead.get(1).getStage()).isEqualTo("processing:slow-fast-window");
        assertThat(dead.get(1).getReason()).contains("slow frame seq 9");
        assertThat(dead.get(1).getStreamId()).isEqualTo("cam");
        assertThat(dead.get(1).getPartition()).isEqualTo(2);
        assertThat(dead.get(1).getExceptionClass())
                .isEqualTo(IllegalStateException.class.getName());
    }

    private static List<DeadLetter> read(KafkaBroker broker, int atLeast) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeadLetter> out = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(
                        props,
                        new StringDeserializer(),
                        TOPICS.deadLetters().valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> out.add(r.value()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(DeadLetter::getOffset));
        return out;
    }
}
