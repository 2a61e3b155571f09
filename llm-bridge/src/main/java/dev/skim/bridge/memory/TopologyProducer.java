package dev.skim.bridge.memory;

import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** CDI wiring of the bridge's memory topology. */
@ApplicationScoped
public class TopologyProducer {
    @Produces
    Topology topology() {
        return MemoryTopology.build(Topics.create(SerdeFactory.singleObject()));
    }
}
