package dev.skim.compressor.topology;

import dev.skim.compressor.config.CompressorConfig;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.encoder.ClassicalPatchEncoder;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

/** CDI wiring: configuration in, the compressor {@link Topology} out. */
@ApplicationScoped
public class TopologyProducer {

    private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

    @Produces
    @ApplicationScoped
    FrameEncoder encoder(CompressorConfig config) {
        return switch (config.encoder()) {
            case "classical" -> new ClassicalPatchEncoder();
            default ->
                    throw new IllegalArgumentException(
                            "Unknown skim.compressor.encoder '"
                                    + config.encoder()
                                    + "'; known: classical");
        };
    }

    void closeEncoder(@Disposes FrameEncoder encoder) {
        encoder.close();
    }

    @Produces
    @ApplicationScoped
    Chain chain(CompressorConfig config) {
        return ChainSpec.parse(config.chain());
    }

    @Produces
    Topology topology(CompressorConfig config, FrameEncoder encoder, Chain chain) {
        Topics topics = Topics.create(SerdeFactory.singleObject());
        LOG.infof(
                "Compressor topology: encoder=%s (%dx%d, dim %d), chain=%s, precision=%s",
                encoder.id(),
                encoder.rows(),
                encoder.cols(),
                encoder.dim(),
                chain.spec(),
                config.precision());
        return CompressorTopology.build(
                topics,
                encoder,
                chain,
                new CompressorTopology.Settings(config.precision(), config.maxPixels()));
    }
}
