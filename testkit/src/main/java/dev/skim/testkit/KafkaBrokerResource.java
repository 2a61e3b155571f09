package dev.skim.testkit;

import dev.skim.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: starts a real in-process {@link KafkaBroker}, creates Skim's topics and
 * points the application at it with a fresh Kafka Streams state directory.
 *
 * <p>Use with {@code @QuarkusTestResource(KafkaBrokerResource.class)}. The broker is reachable from
 * the test through {@link #broker()} while the resource runs.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBroker current;

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.start();
        broker.createTopics(KafkaBrokerExtension.PARTITIONS, Topics.defaults().names());
        current = broker;
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers(),
                "kafka-streams.state.dir", KafkaBroker.freshStateDir("skim-streams-").toString(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        KafkaBroker broker = current;
        current = null;
        if (broker != null) {
            broker.close();
        }
    }

    /** The running broker, for producing and consuming in tests. */
    public static KafkaBroker broker() {
        KafkaBroker broker = current;
        if (broker == null) {
            throw new IllegalStateException("KafkaBrokerResource is not running");
        }
        return broker;
    }
}
