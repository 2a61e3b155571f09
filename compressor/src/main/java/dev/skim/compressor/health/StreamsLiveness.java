package dev.skim.compressor.health;

import dev.skim.compressor.lifecycle.BoundedShutdown;
import dev.skim.lifecycle.LivenessRule;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless Kafka Streams can no longer make progress ({@link LivenessRule}): up while starting,
 * rebalancing (an instance joining or leaving), running and shutting down; down in ERROR or
 * PENDING_ERROR, or stopped outside a shutdown. It replaces the Quarkus extension's liveness check
 * (disabled in application.properties), which is down in CREATED and PENDING_SHUTDOWN.
 */
@Liveness
@ApplicationScoped
public class StreamsLiveness implements HealthCheck {
    static final String NAME = "skim-compressor-streams-live";

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
