package dev.skim.testkit;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The broker round trip of {@link KafkaBrokerIT} against the official Apache Kafka image, for
 * machines with a Docker engine. Without one, JUnit reports it as skipped
 * ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT {

    @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void shouldCarryAvroFramesThroughAContainerisedBroker() throws Exception {
        Properties client = new Properties();
        client.put("bootstrap.servers", KAFKA.getBootstrapServers());
        KafkaBrokerIT.createTopics(client);
        KafkaBrokerIT.assertFramesRoundTrip(client);
    }
}
