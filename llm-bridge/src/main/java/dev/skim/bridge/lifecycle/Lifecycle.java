package dev.skim.bridge.lifecycle;

import dev.skim.bridge.config.BridgeConfig;
import dev.skim.lifecycle.AppLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The bridge's settings for the lifecycle beans it shares with the compressor ({@code
 * dev.skim.lifecycle.BoundedShutdown}: SIGTERM to process end within {@code
 * skim.bridge.shutdown.timeout}; {@code StreamsLiveness}: the check {@value #LIVENESS_CHECK}).
 */
@ApplicationScoped
public class Lifecycle {
    public static final String LIVENESS_CHECK = "skim-bridge-streams-live";

    @Produces
    @Singleton
    AppLifecycle lifecycle(BridgeConfig config) {
        return new AppLifecycle(
                config.shutdown().timeout(), "skim.bridge.shutdown.timeout", LIVENESS_CHECK);
    }
}
