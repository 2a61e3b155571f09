package dev.skim.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ends the process within the app's shutdown bound ({@link AppLifecycle#shutdownTimeout()}) of
 * SIGTERM, broker or not: the app's {@link StreamsShutdown} as a bean of both apps. It observes the
 * shutdown event first (priority 1), before the Quarkus extension's close (which has no timeout),
 * and stands the watchdog down once the beans are destroyed, i.e. every shutdown observer returned
 * (the compressor's encoder is closed then, after Kafka Streams; a close that did not finish never
 * gets there, so no stream thread meets a closed encoder).
 */
@ApplicationScoped
public class BoundedShutdown {

    private final StreamsShutdown shutdown;

    BoundedShutdown(KafkaStreams streams, AppLifecycle app) {
        this.shutdown = new StreamsShutdown(streams, app.shutdownTimeout(), app.timeoutKey());
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
