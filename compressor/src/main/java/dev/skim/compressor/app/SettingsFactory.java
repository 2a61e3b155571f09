package dev.skim.compressor.app;

import dev.skim.compressor.config.CompressorConfig;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.processor.DecodeProcessor;
import dev.skim.compressor.tagging.Tagging;
import dev.skim.compressor.topology.CompressorTopology;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.compressor.window.Windowing;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.encoder.EncoderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Turns {@link CompressorConfig} into the values the topology needs, checking what Bean Validation
 * cannot (chain specs, durations, encoder names and their combinations). Every error is an {@link
 * InvalidConfigException} that names the property and the problem, so start-up fails with it.
 */
public final class SettingsFactory {

    private SettingsFactory() {}

    /** The encoder configuration for {@code EncoderFactory}. */
    public static EncoderConfig encoder(CompressorConfig config) {
        CompressorConfig.Encoder e = config.encoder();
        if (e.maxWait().isNegative()) {
            throw new InvalidConfigException(
                    "skim.compressor.encoder.max-wait", "must not be negative, was " + e.maxWait());
        }
        try {
            return new EncoderConfig(
                    e.name(),
                    e.model().orElse(null),
                    e.device(),
                    e.maxBatch(),
                    e.maxWait(),
                    e.predictors(),
                    e.intraOpThreads(),
                    null);
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigException("skim.compressor.encoder", ex.getMessage(), ex);
        }
    }

    /** The FAST chain. */
    public static Chain fastChain(CompressorConfig config) {
        return chain("skim.compressor.fast.chain", config.fast().chain());
    }

    /** The SLOW chain. */
    public static Chain slowChain(CompressorConfig config) {
        return chain("skim.compressor.slow.chain", config.slow().chain());
    }

    /** Everything else the topology needs, tagging off (the app adds its taggers). */
    public static CompressorTopology.Settings settings(
            CompressorConfig config, CompressorMetrics metrics) {
        CompressorConfig.Window w = config.window();
        WindowSpec spec;
        if (w.frames().isPresent()) {
            if (w.frames().getAsInt() < 1) {
                throw new InvalidConfigException(
                        "skim.compressor.window.frames",
                        "must be at least 1, was " + w.frames().getAsInt());
            }
            spec = new WindowSpec.ByFrames(w.frames().getAsInt(), w.graceFrames());
        } else {
            positive("skim.compressor.window.size", w.size());
            if (w.grace().isNegative()) {
                throw new InvalidConfigException(
                        "skim.compressor.window.grace", "must not be negative, was " + w.grace());
            }
            spec = new WindowSpec.ByTime(w.size().toMillis(), w.grace().toMillis());
        }
        positive("skim.compressor.window.idle-flush", w.idleFlush());
        return new CompressorTopology.Settings(
                config.precision(),
                config.maxPixels(),
                config.maxRecordBytes(),
                new Windowing(
                        spec,
                        w.idleFlush(),
                        config.slow().policy(),
                        config.slow().frames(),
                        (float) config.slow().sceneCut()),
                config.slow().keyframeMaxSide(),
                (float) config.slow().keyframeQuality(),
                new DecodeProcessor.Quarantine(
                        config.quarantine().strikes(),
                        config.quarantine()
                                .abortOn()
                                .map(m -> m.getBytes(StandardCharsets.UTF_8))
                                .orElse(null)),
                config.frameTier().enabled(),
                Tagging.OFF,
                metrics);
    }

    private static Chain chain(String property, String spec) {
        try {
            return ChainSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(property, e.getMessage(), e);
        }
    }

    private static void positive(String property, Duration d) {
        if (d.isNegative() || d.toMillis() < 1) {
            throw new InvalidConfigException(property, "must be at least 1ms, was " + d);
        }
    }

    /** A configuration value the compressor cannot start with. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidConfigException(String property, String problem) {
            super(property + ": " + problem);
        }

        InvalidConfigException(String property, String problem, Throwable cause) {
            super(property + ": " + problem, cause);
        }
    }
}
