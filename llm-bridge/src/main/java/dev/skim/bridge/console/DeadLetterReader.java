package dev.skim.bridge.console;

import dev.skim.avro.DeadLetter;
import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the latest records of the dead-letter topics with a short-lived consumer (no group, no
 * committed offsets): each partition from its end minus {@code limit} to its end, committed records
 * only.
 */
@ApplicationScoped
class DeadLetterReader {

    /** The dead-letter topics the console shows: the compressor's, then the bridge's. */
    static final List<String> TOPICS = List.of(Topics.DEAD_LETTERS, Topics.TOKEN_DEAD_LETTERS);

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final Deserializer<DeadLetter> values;

    DeadLetterReader(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        // the same wire format as the topology reads (skim.serde.format)
        this.values =
                SerdeFactory.fromConfig(
                                key ->
                                        ConfigProvider.getConfig()
                                                .getOptionalValue(key, String.class))
                        .serde(DeadLetter.class)
                        .deserializer();
    }

    /**
     * The cluster's security settings as Kafka Streams gets them ({@code
     * kafka-streams.security.protocol}, {@code kafka-streams.sasl.*}, {@code kafka-streams.ssl.*}),
     * so that this consumer reaches a TLS or SASL cluster too.
     */
    static Properties securitySettings() {
        Properties p = new Properties();
        org.eclipse.microprofile.config.Config config = ConfigProvider.getConfig();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith("kafka-streams.")) {
                continue;
            }
            String key = name.substring("kafka-streams.".length());
            if (key.equals("security.protocol")
                    || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> p.put(key, v));
            }
        }
        return p;
    }

    /**
     * The last {@code limit} committed records of every partition of the topics, newest failure
     * first; a topic that does not exist has none.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException when the broker does not answer
     */
    List<DeadLetterView> latest(List<String> topics, int limit) {
        Properties p = new Properties();
        p.putAll(securitySettings());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "skim-bridge-dead-letters");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        List<DeadLetterView> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(WAIT);
            for (String topic : topics) {
                for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, WAIT);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, WAIT);
            Map<TopicPartition, Long> pending = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp);
                long from = Math.max(begins.get(tp), end - limit);
                if (from < end) {
                    consumer.seek(tp, from);
                    pending.put(tp, end);
                }
            }
            consumer.pause(partitions.stream().filter(tp -> !pending.containsKey(tp)).toList());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = pending.get(tp);
                    if (end != null && r.offset() < end) {
                        out.add(view(r));
                    }
                }
                // a partition is done once its position passed its end (transaction markers
                // included)
                pending.keySet().removeIf(tp -> consumer.position(tp) >= pending.get(tp));
                consumer.pause(partitions.stream().filter(tp -> !pending.containsKey(tp)).toList());
            }
        }
        out.sort(
                java.util.Comparator.comparingLong(DeadLetterView::failedAtMillis)
                        .reversed()
                        .thenComparing(DeadLetterView::dlqTopic)
                        .thenComparing(
                                DeadLetterView::dlqOffset, java.util.Comparator.reverseOrder()));
        return out;
    }

    private DeadLetterView view(ConsumerRecord<byte[], byte[]> r) {
        DeadLetter d;
        try {
            d = values.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            // a dead letter that cannot be read is still shown, with why
            return new DeadLetterView(
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    r.key() == null
                            ? null
                            : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    "unreadable-dead-letter",
                    "this dead letter is not a DeadLetter record: " + e.getMessage(),
                    e.getClass().getName(),
                    r.timestamp(),
                    r.value() == null ? null : r.value().length,
                    null);
        }
        return new DeadLetterView(
                r.topic(),
                r.partition(),
                r.offset(),
                d.getStreamId(),
                d.getTopic(),
                d.getPartition(),
                d.getOffset(),
                d.getStage(),
                d.getReason(),
                d.getExceptionClass(),
                d.getFailedAt().toEpochMilli(),
                d.getPayload() == null ? null : d.getPayload().remaining(),
                d.getPayloadRef());
    }
}
