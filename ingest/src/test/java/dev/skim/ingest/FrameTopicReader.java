package dev.skim.ingest;

import dev.skim.avro.Frame;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads back the frames of one stream from skim.frames, in partition order. */
public final class FrameTopicReader {

    private FrameTopicReader() {}

    /** All frames of {@code streamId} currently in the topic (reads to the end offsets). */
    public static List<Frame> readStream(KafkaBroker broker, String streamId) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        List<Frame> frames = new ArrayList<>();
        try (KafkaConsumer<String, Frame> consumer =
                new KafkaConsumer<>(
                        props,
                        new StringDeserializer(),
                        Topics.defaults().frames().valueSerde().deserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.FRAMES).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Timed out reading " + Topics.FRAMES);
                }
                for (ConsumerRecord<String, Frame> r : consumer.poll(Duration.ofMillis(200))) {
                    if (streamId.equals(r.key())) {
                        frames.add(r.value());
                    }
                }
            }
        }
        return frames;
    }
}
