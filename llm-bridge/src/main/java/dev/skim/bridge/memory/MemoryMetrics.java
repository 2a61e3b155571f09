package dev.skim.bridge.memory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Gauges of what this instance's token memory holds, per tier: {@code skim.bridge.memory.bytes},
 * {@code skim.bridge.memory.blocks} and {@code skim.bridge.memory.streams} (tag {@code tier}).
 */
@ApplicationScoped
public class MemoryMetrics {
    private static final List<String> TIERS =
            List.of("FAST", "SLOW", "FRAME", MemoryTopology.KEYFRAMES_TIER);

    private final TokenMemory memory;

    MemoryMetrics(TokenMemory memory) {
        this.memory = memory;
    }

    void register(@Observes StartupEvent e, MeterRegistry registry) {
        for (String tier : TIERS) {
            Gauge.builder("skim.bridge.memory.bytes", () -> value(tier, 0))
                    .tag("tier", tier)
                    .description("Serialized bytes held in this instance's stores")
                    .baseUnit("bytes")
                    .register(registry);
            Gauge.builder("skim.bridge.memory.blocks", () -> value(tier, 1))
                    .tag("tier", tier)
                    .description("Blocks (keyframes) held in this instance's stores")
                    .register(registry);
            Gauge.builder("skim.bridge.memory.streams", () -> value(tier, 2))
                    .tag("tier", tier)
                    .description("Streams with this tier on this instance")
                    .register(registry);
        }
    }

    private double value(String tier, int index) {
        try {
            Map<String, long[]> usage = memory.localUsage();
            long[] v = usage.get(tier);
            return v == null ? 0 : v[index];
        } catch (InvalidStateStoreException e) {
            // stores are not queryable while Kafka Streams starts or rebalances: no value yet
            return Double.NaN;
        }
    }
}
