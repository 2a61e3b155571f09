package dev.skim.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Which Kafka Streams states are live. */
class LivenessRuleTest {

    @Test
    void shouldBeLiveWhileStartingRebalancingRunningOrClosing() {
        for (State s :
                new State[] {
                    State.CREATED, State.REBALANCING, State.RUNNING, State.PENDING_SHUTDOWN
                }) {
            assertThat(LivenessRule.live(s, false)).as("%s", s).isTrue();
        }
    }

    @Test
    void shouldBeDownOnceKafkaStreamsCannotMakeProgress() {
        assertThat(LivenessRule.live(State.ERROR, false)).isFalse();
        assertThat(LivenessRule.live(State.PENDING_ERROR, false)).isFalse();
        assertThat(LivenessRule.live(State.ERROR, true)).isFalse();
    }

    @Test
    void shouldBeDownWhenStoppedOutsideAShutdownOnly() {
        assertThat(LivenessRule.live(State.NOT_RUNNING, false)).isFalse();
        assertThat(LivenessRule.live(State.NOT_RUNNING, true)).isTrue();
    }
}
