package dev.skim.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads committed records of a topic from the beginning until a condition holds. */
final class TopicReader {
    private TopicReader() {}

    static <V> List<V> readUntil(
            Properties client,
            String topic,
            Deserializer<V> values,
            Predicate<List<V>> done,
            Duration timeout) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> out.add(r.value()));
            }
        }
        return out;
    }

    /** Every committed record of a topic: reads until a poll window passes with nothing new. */
    static <V> List<V> readAll(
            Properties client, String topic, Deserializer<V> values, Duration quiet) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long lastNew = System.nanoTime();
            boolean assigned = false;
            while (!assigned || System.nanoTime() - lastNew < quiet.toNanos()) {
                var records = consumer.poll(Duration.ofMillis(250));
                if (!assigned && !consumer.assignment().isEmpty()) {
                    assigned = true;
                    lastNew = System.nanoTime();
                }
                if (!records.isEmpty()) {
                    records.forEach(r -> out.add(r.value()));
                    lastNew = System.nanoTime();
                }
            }
        }
        return out;
    }
}
