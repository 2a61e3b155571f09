package dev.skim.bridge.lifecycle;

import dev.skim.bridge.config.BridgeConfig;
import dev.skim.lifecycle.StreamsShutdown;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ends the process within {@code skim.bridge.shutdown.timeout} of SIGTERM, broker or not: the
 * bridge's {@link StreamsShutdown}. It observes the shutdown event first (priority 1), before the
 * Quarkus extension's close (which has no timeout), and stands the watchdog down once the beans are
 * destroyed, i.e. every shutdown observer returned.
 */
@ApplicationScoped
public class BoundedShutdown {
    static final String TIMEOUT_KEY = "skim.bridge.shutdown.timeout";

    private final StreamsShutdown shutdown;

    BoundedShutdown(KafkaStreams streams, BridgeConfig config) {
        this.shutdown = new StreamsShutdown(streams, config.shutdown().timeout(), TIMEOUT_KEY);
    }

    /** Whether shutdown has begun. */
    public boolean started() {
        return shutdown.started();
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        shutdown.close();
    }

    @PreDestroy
    void finished() {
        shutdown.finished();
    }
}
