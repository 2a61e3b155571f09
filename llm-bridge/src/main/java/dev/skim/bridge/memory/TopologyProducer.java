package dev.skim.bridge.memory;

import dev.skim.bridge.config.BridgeConfig;
import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** CDI wiring of the bridge's memory topology. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology topology(BridgeConfig config) {
        return MemoryTopology.build(Topics.create(SerdeFactory.singleObject()), policy(config));
    }

    static MemoryPolicy policy(BridgeConfig config) {
        BridgeConfig.Memory m = config.memory();
        return new MemoryPolicy(
                m.fastRetention(), m.slowRetention(), m.frameRetention(), m.keyframeRetention());
    }
}
