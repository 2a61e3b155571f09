package dev.skim.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless Kafka Streams can no longer make progress ({@link LivenessRule}): up while starting,
 * rebalancing (an instance joining or leaving), running and shutting down; down in ERROR or
 * PENDING_ERROR, or stopped outside a shutdown. Both apps disable the Quarkus extension's liveness
 * check in application.properties: it is down in CREATED, and the extension starts Kafka Streams up
 * to a second after its topics check (readiness) turned up, so a probe in that second saw a ready
 * app that was not live.
 */
@Liveness
@ApplicationScoped
public class StreamsLiveness implements HealthCheck {

    private final KafkaStreams streams;
    private final BoundedShutdown shutdown;
    private final String name;

    StreamsLiveness(KafkaStreams streams, BoundedShutdown shutdown, AppLifecycle app) {
        this.streams = streams;
        this.shutdown = shutdown;
        this.name = app.livenessCheck();
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named(name)
                .status(LivenessRule.live(state, shutdown.started()))
                .withData("state", state.name())
                .build();
    }
}
