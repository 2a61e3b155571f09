package dev.skim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT {

    private final Topics topics = Topics.defaults();

    @Test
    void shouldCreateSkimTopicsAndCarryAvroFramesInOrder(KafkaBroker broker) throws Exception {
        try (var admin = broker.admin()) {
            assertThat(admin.listTopics().names().get()).containsAll(topics.names());
        }

        try (var producer =
                new KafkaProducer<>(
                        broker.clientProperties(),
                        topics.frames().keySerde().serializer(),
                        topics.frames().valueSerde().serializer())) {
            for (int seq = 0; seq < 5; seq++) {
                producer.send(new ProducerRecord<>(Topics.FRAMES, "cam", frame(seq)));
            }
        }

        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "t");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Long> seqs = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(
                        props,
                        topics.frames().keySerde().deserializer(),
                        topics.frames().valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.FRAMES));
            long deadline = System.currentTimeMillis() + 30_000;
            while (seqs.size() < 5 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Frame> r : consumer.poll(Duration.ofMillis(200))) {
                    seqs.add(r.value().getSeq());
                }
            }
        }
        assertThat(seqs).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    private static Frame frame(long seq) {
        return new Frame(
                "cam",
                seq,
                seq * 100,
                Instant.now(),
                1,
                1,
                ImageEncoding.RAW_RGB,
                ByteBuffer.wrap(new byte[3]),
                Map.of());
    }
}
