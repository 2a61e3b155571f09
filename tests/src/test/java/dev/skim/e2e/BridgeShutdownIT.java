package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged bridge ends within its shutdown bound ({@code skim.bridge.shutdown.timeout}) after
 * SIGTERM, with the broker running and with the broker gone, and says what it left uncommitted.
 * {@link AppProcess#close()} sends SIGTERM and waits 20 s before SIGKILL: a close that returns well
 * before that, with the bridge's last log lines written, is the bridge ending by itself.
 */
class BridgeShutdownIT {
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** JVM exit after the bound: the bound counts from Quarkus' shutdown event. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private KafkaBroker broker;
    private AppProcess bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void startBridge() throws Exception {
        broker = KafkaBroker.start();
        broker.createTopics(2, Topics.defaults().names());
        bridge =
                AppProcess.start(
                        "llm-bridge",
                        broker.bootstrapServers(),
                        Map.of("skim.bridge.shutdown.timeout", BOUND.toSeconds() + "s"));
        // running with its partitions assigned: there is a transaction to commit at shutdown
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(
                        () ->
                                http.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        bridge.baseUrl()
                                                                                + "/q/health/live"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body()
                                        .contains("\"RUNNING\""));
    }

    private Duration sigterm(String when) {
        long begin = System.nanoTime();
        bridge.close();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        System.out.printf("bridge ended %d ms after SIGTERM %s%n", took.toMillis(), when);
        return took;
    }

    @Test
    void shouldEndWithinTheBoundAfterSigtermWhenTheBrokerIsGone() throws Exception {
        startBridge();
        // 1. unreadable records keep the bridge in transactions (each one a dead letter), then
        //    the broker goes first, in the middle of them
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 200; i++) {
                producer.send(
                        new ProducerRecord<>(
                                Topics.TOKENS,
                                ("cam-" + i % 4).getBytes(StandardCharsets.UTF_8),
                                ("not avro " + i).getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(5);
            }
            producer.flush();
            broker.close();
            broker = null;
            producer.close(Duration.ZERO);
        }

        // 2. SIGTERM: the bridge ends by itself within the bound
        Duration took = sigterm("with the broker gone");

        assertThat(took).isLessThan(BOUND.plus(MARGIN));
        assertThat(bridge.tail())
                .containsPattern(
                        "Kafka Streams (closed in \\d+ ms|did not close within)"
                                + "|Shutdown did not finish within")
                .contains("skim.tokens-0 from ");
    }

    @Test
    void shouldEndWithinTheBoundAfterSigtermWithTheBrokerRunning() throws Exception {
        startBridge();

        Duration took = sigterm("with the broker running");

        assertThat(took).isLessThan(BOUND.plus(MARGIN));
        assertThat(bridge.tail())
                .containsPattern("Kafka Streams closed in \\d+ ms")
                .contains("skim.tokens-0 from ")
                .contains("stopped in");
    }
}
