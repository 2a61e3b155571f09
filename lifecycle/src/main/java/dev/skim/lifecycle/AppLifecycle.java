package dev.skim.lifecycle;

import java.time.Duration;

/**
 * What an app tells the shared lifecycle beans ({@link BoundedShutdown}, {@link StreamsLiveness});
 * each app produces one from its configuration.
 *
 * @param shutdownTimeout SIGTERM to the end of the process, broker or not
 * @param timeoutKey the configuration key of that bound, for the log lines
 * @param livenessCheck the name of the liveness check in {@code /q/health/live}
 */
public record AppLifecycle(Duration shutdownTimeout, String timeoutKey, String livenessCheck) {}
