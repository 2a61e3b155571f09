package dev.skim.compressor.app;

import dev.skim.compressor.config.CompressorConfig;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.metrics.MicrometerCompressorMetrics;
import dev.skim.compressor.tagging.TaggerPool;
import dev.skim.compressor.topology.CompressorTopology;
import dev.skim.compressor.wire.WireFormat;
import dev.skim.core.compression.Chain;
import dev.skim.core.encoder.EncoderFactory;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.lifecycle.AppLifecycle;
import dev.skim.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

/**
 * CDI wiring: configuration in, the compressor {@link Topology} out. Configuration errors (unknown
 * encoder, bad chain spec, a frame that cannot fit in a record, ...) fail start-up with a message
 * that names the property. The encoder is closed after Kafka Streams: the streams are closed on the
 * shutdown event ({@code dev.skim.lifecycle.BoundedShutdown}), before application-scoped beans are
 * destroyed.
 */
@ApplicationScoped
public class TopologyProducer {

    /** The name of the compressor's check in /q/health/live ({@code lifecycle.StreamsLiveness}). */
    public static final String LIVENESS_CHECK = "skim-compressor-streams-live";

    private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

    @Produces
    @ApplicationScoped
    FrameEncoder encoder(CompressorConfig config) {
        return EncoderFactory.create(SettingsFactory.encoder(config));
    }

    void closeEncoder(@Disposes FrameEncoder encoder) {
        LOG.infof("Closing encoder %s", encoder.id());
        encoder.close();
    }

    /**
     * The taggers of slow frames, one set loaded now (a model that cannot load fails start-up) and
     * more as stream threads need them; closed after Kafka Streams, like the encoder.
     */
    @Produces
    @Singleton
    TaggerPool taggers(CompressorConfig config) {
        TaggerPool pool = Taggers.pool(config.tags());
        pool.warmUp();
        return pool;
    }

    void closeTaggers(@Disposes TaggerPool pool) {
        pool.close();
    }

    /** The compressor's settings for the lifecycle beans it shares with the bridge. */
    @Produces
    @Singleton
    AppLifecycle lifecycle(CompressorConfig config) {
        return new AppLifecycle(
                config.shutdown().timeout(), "skim.compressor.shutdown.timeout", LIVENESS_CHECK);
    }

    @Produces
    @ApplicationScoped
    CompressorMetrics metrics(MeterRegistry registry) {
        return new MicrometerCompressorMetrics(registry);
    }

    /** One topology: Quarkus asks for it more than once at start-up, and building it is logged. */
    @Produces
    @Singleton
    Topology topology(
            CompressorConfig config,
            FrameEncoder encoder,
            CompressorMetrics metrics,
            TaggerPool taggers) {
        Topics topics = WireFormat.topics();
        Chain fast = SettingsFactory.fastChain(config);
        Chain slow = SettingsFactory.slowChain(config);
        CompressorTopology.Settings settings =
                SettingsFactory.settings(config, metrics)
                        .withTagging(Taggers.tagging(config.tags(), taggers));
        LOG.infof(
                "Compressor topology: %d stream thread(s), encoder=%s (%dx%d, dim %d, input %d px,"
                        + " batch %d, wait %s), fast=%s,"
                        + " slow=%s x%d by %s, frame tier %s, tags %s, windows %s, idle flush %s,"
                        + " precision=%s, max record %d bytes",
                config.threads(),
                encoder.id(),
                encoder.rows(),
                encoder.cols(),
                encoder.dim(),
                encoder.inputSide(),
                config.encoder().maxBatch(),
                config.encoder().maxWait(),
                fast.spec(),
                slow.spec(),
                config.slow().frames(),
                config.slow().policy(),
                settings.frameTier() ? "on" : "off",
                taggers.isEmpty() ? "off" : "on",
                settings.windowing().spec(),
                settings.windowing().idleFlush(),
                config.precision(),
                config.maxRecordBytes());
        return CompressorTopology.build(topics, encoder, fast, slow, settings);
    }
}
