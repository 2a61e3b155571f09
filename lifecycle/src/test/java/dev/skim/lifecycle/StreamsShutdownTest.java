package dev.skim.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shutdown bound without a broker: Kafka Streams is never started (CREATED), so its close is
 * local; a close that does not finish is a Kafka Streams whose close waits out its timeout. The
 * halt is recorded instead of ending the test JVM.
 */
class StreamsShutdownTest {
    private static final String KEY = "skim.test.shutdown.timeout";

    @TempDir Path stateDir;

    private final List<Integer> halts = new CopyOnWriteArrayList<>();
    private final CountDownLatch halted = new CountDownLatch(1);
    private KafkaStreams streams;

    @AfterEach
    void closeStreams() {
        if (streams != null) {
            streams.close(Duration.ZERO);
        }
    }

    private Properties props() throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "skim-lifecycle-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        return p;
    }

    private static Topology topology() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("skim.test.in").to("skim.test.out");
        return b.build();
    }

    private StreamsShutdown shutdown(Duration timeout) {
        return new StreamsShutdown(
                streams,
                timeout,
                KEY,
                status -> {
                    halts.add(status);
                    halted.countDown();
                });
    }

    @Test
    void shouldCloseAndStandTheWatchdogDownWhenTheShutdownFinishes() throws Exception {
        streams = new KafkaStreams(topology(), props());
        StreamsShutdown shutdown = shutdown(Duration.ofSeconds(30));

        assertThat(shutdown.started()).isFalse();
        assertThat(shutdown.close()).isTrue();
        assertThat(shutdown.started()).isTrue();
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);

        shutdown.finished();
        shutdown.watchdog.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(shutdown.watchdog.isAlive()).isFalse();
        assertThat(halts).isEmpty();
    }

    @Test
    void shouldHaltWithStatusThreeWhenTheShutdownDoesNotFinishWithinTheBound() throws Exception {
        List<Duration> asked = new CopyOnWriteArrayList<>();
        streams =
                new KafkaStreams(topology(), props()) {
                    @Override
                    public synchronized boolean close(Duration timeout) {
                        if (asked.isEmpty()) {
                            // a broker that does not answer: the close waits out its timeout
                            asked.add(timeout);
                            return false;
                        }
                        return super.close(timeout); // the test's own clean-up
                    }
                };
        StreamsShutdown shutdown = shutdown(Duration.ofSeconds(2));

        assertThat(shutdown.close()).isFalse();
        // the rest of the shutdown hangs (finished() is never called): the watchdog ends it
        assertThat(halted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(halts).containsExactly(StreamsShutdown.HALTED);
        assertThat(asked).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void shouldSayNothingIsUncommittedBeforeKafkaStreamsRuns() throws Exception {
        streams = new KafkaStreams(topology(), props());
        assertThat(StreamsShutdown.uncommitted(streams))
                .isEqualTo("nothing (Kafka Streams is CREATED)");
    }

    @Test
    void shouldLeaveAQuarterOfTheBoundAtMostFiveSecondsForTheRestOfTheShutdown() {
        assertThat(StreamsShutdown.streamsBudget(Duration.ofSeconds(30)))
                .isEqualTo(Duration.ofSeconds(25));
        assertThat(StreamsShutdown.streamsBudget(Duration.ofSeconds(8)))
                .isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void shouldRejectABoundThatIsNotPositiveNamingItsProperty() throws Exception {
        streams = new KafkaStreams(topology(), props());
        assertThatThrownBy(() -> new StreamsShutdown(streams, Duration.ZERO, KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KEY);
    }
}
