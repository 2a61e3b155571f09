package dev.skim.compressor.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while Kafka Streams is running or rebalancing (working on or about to work on partitions);
 * not ready while it is created, starting, in error, or shutting down. Liveness is {@link
 * dev.skim.lifecycle.StreamsLiveness}.
 */
@Readiness
@ApplicationScoped
public class KafkaStreamsReadiness implements HealthCheck {

    @Inject KafkaStreams streams;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return HealthCheckResponse.named("skim-compressor-streams")
                .status(up)
                .withData("state", state.name())
                .build();
    }
}
