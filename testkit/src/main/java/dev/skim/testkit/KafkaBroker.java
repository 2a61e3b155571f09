package dev.skim.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka broker (combined KRaft broker and controller) running in this JVM, built
 * on Kafka's own test kit. Every test that needs Kafka uses this class, through {@link
 * KafkaBrokerExtension} or {@link KafkaBrokerResource}.
 *
 * <p>Each instance has its own fresh log directories (deleted on close) and a random port.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts a broker, and waits until it accepts clients. */
    public static KafkaBroker start() {
        try {
            KafkaClusterTestKit cluster =
                    new KafkaClusterTestKit.Builder(
                                    new TestKitNodes.Builder()
                                            .setCombined(true)
                                            .setNumBrokerNodes(1)
                                            .setNumControllerNodes(1)
                                            .build())
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("offsets.topic.num.partitions", "4")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("transaction.state.log.num.partitions", "4")
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            .setConfigProp("auto.create.topics.enable", "false")
                            .setConfigProp("message.max.bytes", String.valueOf(2 * 1024 * 1024))
                            .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-process Kafka broker: " + e, e);
        }
    }

    /** host:port for clients. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates topics (ignoring ones that exist) and waits for them. */
    public void createTopics(int partitions, Collection<String> names) {
        try (Admin admin = admin()) {
            List<NewTopic> topics =
                    names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            admin.createTopics(topics).values().values().forEach(KafkaBroker::awaitCreated);
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Client properties with the bootstrap servers set, for producers and consumers. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** A fresh, empty temporary directory, for example a Kafka Streams {@code state.dir}. */
    public static Path freshStateDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitCreated(org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic: " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not stop cleanly: " + e, e);
        }
    }
}
