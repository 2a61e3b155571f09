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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT {

    private static final Topics TOPICS = Topics.defaults();

    @Test
    void shouldCreateSkimTopicsAndCarryAvroFramesInOrder(KafkaBroker broker) throws Exception {
        try (var admin = broker.admin()) {
            assertThat(admin.listTopics().names().get()).containsAll(TOPICS.names());
        }
        assertFramesRoundTrip(broker.clientProperties());
    }

    /** Produces five frames of one stream and reads them back in order. */
    static void assertFramesRoundTrip(Properties client) {
        try (var producer =
                new KafkaProducer<>(
                        client,
                        TOPICS.frames().keySerde().serializer(),
                        TOPICS.frames().valueSerde().serializer())) {
            for (int seq = 0; seq < 5; seq++) {
                producer.send(new ProducerRecord<>(Topics.FRAMES, "cam", frame(seq)));
            }
        }

        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "t");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Long> seqs = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(
                        props,
                        TOPICS.frames().keySerde().deserializer(),
                        TOPICS.frames().valueSerde().deserializer())) {
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

    static void createTopics(Properties client) throws Exception {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(
                            TOPICS.names().stream()
                                    .map(
                                            n ->
                                                    new org.apache.kafka.clients.admin.NewTopic(
                                                            n, 4, (short) 1))
                                    .toList())
                    .all()
                    .get();
        }
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
