package dev.skim.bridge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Which Kafka Streams states are live, and how the shutdown bound is split. */
class StreamsLivenessTest {

    @Test
    void shouldBeLiveWhileStartingRebalancingRunningOrClosing() {
        for (State s :
                new State[] {
                    State.CREATED, State.REBALANCING, State.RUNNING, State.PENDING_SHUTDOWN
                }) {
            assertThat(StreamsLiveness.live(s, false)).as("%s", s).isTrue();
        }
    }

    @Test
    void shouldBeDownOnceKafkaStreamsCannotMakeProgress() {
        assertThat(StreamsLiveness.live(State.ERROR, false)).isFalse();
        assertThat(StreamsLiveness.live(State.PENDING_ERROR, false)).isFalse();
        assertThat(StreamsLiveness.live(State.ERROR, true)).isFalse();
    }

    @Test
    void shouldBeDownWhenStoppedOutsideAShutdownOnly() {
        assertThat(StreamsLiveness.live(State.NOT_RUNNING, false)).isFalse();
        assertThat(StreamsLiveness.live(State.NOT_RUNNING, true)).isTrue();
    }

    @Test
    void shouldLeaveAQuarterOfTheBoundAtMostFiveSecondsForTheRestOfTheShutdown() {
        assertThat(BoundedShutdown.streamsBudget(Duration.ofSeconds(30)))
                .isEqualTo(Duration.ofSeconds(25));
        assertThat(BoundedShutdown.streamsBudget(Duration.ofSeconds(8)))
                .isEqualTo(Duration.ofSeconds(6));
    }
}
