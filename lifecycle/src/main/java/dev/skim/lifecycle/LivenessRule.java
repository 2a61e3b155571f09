package dev.skim.lifecycle;

import org.apache.kafka.streams.KafkaStreams;

/**
 * When a Kafka Streams app is live (DESIGN.md section 10): unless Kafka Streams can no longer make
 * progress, that is in ERROR or PENDING_ERROR (where it goes when its last stream thread dies), or
 * stopped while the app is not shutting down. Starting (CREATED, e.g. waiting for the topics),
 * rebalancing and running are live: a restart would not help them, it would only start the wait
 * again.
 *
 * <p>Each app's {@code @Liveness} check applies it; the Quarkus extension's own check is down in
 * CREATED and PENDING_SHUTDOWN, so a ready app that had not yet started Kafka Streams answered 503.
 */
public final class LivenessRule {

    private LivenessRule() {}

    /**
     * Whether an app whose Kafka Streams is in {@code state} can still make progress.
     *
     * @param shuttingDown whether the app's shutdown has begun ({@link StreamsShutdown#started()})
     */
    public static boolean live(KafkaStreams.State state, boolean shuttingDown) {
        return switch (state) {
            case CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN -> true;
            case NOT_RUNNING -> shuttingDown;
            case PENDING_ERROR, ERROR -> false;
        };
    }
}
