package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each packaged app ends within its shutdown bound ({@code skim.bridge.shutdown.timeout}, {@code
 * skim.compressor.shutdown.timeout}) after SIGTERM, with the broker running and with the broker
 * gone, and says what it left uncommitted (DESIGN.md section 10). {@link AppProcess#close()} sends
 * SIGTERM and waits 20 s before SIGKILL: a close that returns well before that, with the app's last
 * log lines written, is the app ending by itself.
 */
class AppShutdownIT {
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** JVM exit after the bound: the bound counts from Quarkus' shutdown event. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    /** An app, the input topic whose offsets it reports, and the property of its bound. */
    enum App {
        BRIDGE("llm-bridge", Topics.TOKENS, "skim.bridge.shutdown.timeout", Map.of()),
        COMPRESSOR(
                "compressor",
                Topics.FRAMES,
                "skim.compressor.shutdown.timeout",
                Map.of("skim.compressor.encoder.name", "classical"));

        final String module;
        final String input;
        final String timeoutKey;
        final Map<String, String> props;

        App(String module, String input, String timeoutKey, Map<String, String> props) {
            this.module = module;
            this.input = input;
            this.timeoutKey = timeoutKey;
            this.props = props;
        }
    }

    private KafkaBroker broker;
    private AppProcess app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void start(App which) throws Exception {
        broker = KafkaBroker.start();
        broker.createTopics(2, Topics.defaults().names());
        Map<String, String> props = new HashMap<>(which.props);
        props.put(which.timeoutKey, BOUND.toSeconds() + "s");
        app = AppProcess.start(which.module, broker.bootstrapServers(), props);
        // running with its partitions assigned: there is a transaction to commit at shutdown
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> app.streamsState().equals("RUNNING"));
    }

    private Duration sigterm(App which, String when) {
        long begin = System.nanoTime();
        app.close();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        System.out.printf("%s ended %d ms after SIGTERM %s%n", which.module, took.toMillis(), when);
        return took;
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void shouldEndWithinTheBoundAfterSigtermWhenTheBrokerIsGone(App which) throws Exception {
        start(which);
        // 1. unreadable records keep the app in transactions (each one a dead letter), then
        //    the broker goes first, in the middle of them
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 200; i++) {
                producer.send(
                        new ProducerRecord<>(
                                which.input,
                                ("cam-" + i % 4).getBytes(StandardCharsets.UTF_8),
                                ("not avro " + i).getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(5);
            }
            producer.flush();
            broker.close();
            broker = null;
            producer.close(Duration.ZERO);
        }

        // 2. SIGTERM: the app ends by itself within the bound
        Duration took = sigterm(which, "with the broker gone");

        assertThat(took).isLessThan(BOUND.plus(MARGIN));
        assertThat(app.tail())
                .containsPattern(
                        "Kafka Streams (closed in \\d+ ms|did not close within)"
                                + "|Shutdown did not finish within")
                .contains(which.input + "-0 from ");
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void shouldEndWithinTheBoundAfterSigtermWithTheBrokerRunning(App which) throws Exception {
        start(which);

        Duration took = sigterm(which, "with the broker running");

        assertThat(took).isLessThan(BOUND.plus(MARGIN));
        assertThat(app.tail())
                .containsPattern("Kafka Streams closed in \\d+ ms")
                .contains(which.input + "-0 from ")
                .contains("stopped in");
    }
}
