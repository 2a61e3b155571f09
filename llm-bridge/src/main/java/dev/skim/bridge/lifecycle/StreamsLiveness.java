package dev.skim.bridge.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless Kafka Streams can no longer make progress: in ERROR or PENDING_ERROR (Kafka Streams
 * goes there when its last stream thread dies), or stopped while the app is not shutting down.
 * Starting (CREATED, waiting for the topics), rebalancing and running are live: a restart would not
 * help them, it would only start the wait again.
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
                .status(live(state, shutdown.started()))
                .withData("state", state.name())
                .build();
    }

    /** Whether an app whose Kafka Streams is in {@code state} can still make progress. */
    static boolean live(KafkaStreams.State state, boolean shuttingDown) {
        return switch (state) {
            case CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN -> true;
            case NOT_RUNNING -> shuttingDown;
            case PENDING_ERROR, ERROR -> false;
        };
    }
}
