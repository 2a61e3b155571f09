import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints how many records of one stream (key) are in skim.frames. Run with Java's source
 * launcher: {@code java -cp "broker-libs/*" CountFrames.java <bootstrap> <streamId>}
 */
public class CountFrames {
    public static void main(String[] args) {
        Map<String, Object> config = Map.of(
                "bootstrap.servers", args[0],
                "enable.auto.commit", false,
                "isolation.level", "read_committed");
        long count = 0;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor("skim.frames").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (args[1].equals(r.key())) {
                        count++;
                    }
                }
            }
        }
        System.out.println(count);
    }
}
