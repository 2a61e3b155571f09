package dev.skim.bridge.memory;

import dev.skim.bridge.config.BridgeConfig;
import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.ConfigProvider;

/** CDI wiring of the bridge's memory topology. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology topology(BridgeConfig config, MeterRegistry metrics) {
        // skim.serde.format: single-object (default) or registry (+ skim.serde.registry.url)
        Topics topics =
                Topics.create(
                        SerdeFactory.fromConfig(
                                key ->
                                        ConfigProvider.getConfig()
                                                .getOptionalValue(key, String.class)));
        return MemoryTopology.build(topics, policy(config), metrics);
    }

    static MemoryPolicy policy(BridgeConfig config) {
        BridgeConfig.Memory m = config.memory();
        return new MemoryPolicy(
                m.fastRetention(), m.slowRetention(), m.frameRetention(), m.keyframeRetention());
    }
}
