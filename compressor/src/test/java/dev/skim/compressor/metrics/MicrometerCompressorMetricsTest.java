package dev.skim.compressor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MicrometerCompressorMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final MicrometerCompressorMetrics metrics =
            new MicrometerCompressorMetrics(registry, Duration.ofSeconds(60), clock::get);

    private Gauge lag(String stream) {
        return registry.find("skim.compressor.stream.lag").tag("stream", stream).gauge();
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void shouldReportEachStreamsLagInSeconds() {
        metrics.streamLag("cam-1", 1500);
        metrics.streamLag("cam-2", 250);
        metrics.streamLag("cam-1", 2000);

        assertThat(lag("cam-1").value()).isEqualTo(2.0);
        assertThat(lag("cam-2").value()).isEqualTo(0.25);
    }

    @Test
    void shouldRemoveTheGaugeOfAStreamNotSeenForTheStaleTime() {
        metrics.streamLag("gone", 100);
        metrics.streamLag("live", 100);
        for (int i = 0; i < 8; i++) {
            advance(Duration.ofSeconds(10));
            metrics.streamLag("live", 100 + i);
        }

        assertThat(lag("gone")).as("80 s without a frame").isNull();
        assertThat(lag("live").value()).isEqualTo(0.107);

        metrics.streamLag("gone", 42);
        assertThat(lag("gone").value()).as("back after a rebalance: a new gauge").isEqualTo(0.042);
    }

    @Test
    void shouldKeepAGaugeWhileItsStreamIsWithinTheStaleTime() {
        metrics.streamLag("slow", 100);
        advance(Duration.ofSeconds(50));
        metrics.streamLag("other", 1);
        advance(Duration.ofSeconds(5));
        metrics.streamLag("other", 1);

        assertThat(lag("slow")).as("55 s, under the 60 s stale time").isNotNull();
    }

    @Test
    void shouldReadNaNNotAFrozenValueOnceNoFrameCameForTheStaleTime() {
        // e.g. every partition of this instance moved away: no frame, so no sweep either
        metrics.streamLag("moved", 1200);
        advance(Duration.ofSeconds(61));

        assertThat(lag("moved").value()).isNaN();
    }
}
