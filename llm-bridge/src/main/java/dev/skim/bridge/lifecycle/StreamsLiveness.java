package dev.skim.bridge.lifecycle;

import dev.skim.lifecycle.LivenessRule;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless Kafka Streams can no longer make progress ({@link LivenessRule}): up while starting,
 * rebalancing, running and shutting down; down in ERROR or PENDING_ERROR, or stopped outside a
 * shutdown.
 *
 * <p>It replaces the Quarkus extension's liveness check (disabled in application.properties), which
 * is down in CREATED: the extension starts Kafka Streams up to a second after its topics check
 * (readiness) turned up, so a probe in that second saw a ready app that was not live.
 */
@Liveness
@ApplicationScoped
public class StreamsLiveness implements HealthCheck {
    static final String NAME = "skim-bridge-streams-live";

    private final KafkaStreams streams;
    private final BoundedShutdown shutdown;

    StreamsLiveness(KafkaStreams streams, BoundedShutdown shutdown) {
        this.streams = streams;
        this.shutdown = shutdown;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named(NAME)
                .status(LivenessRule.live(state, shutdown.started()))
                .withData("state", state.name())
                .build();
    }
}
