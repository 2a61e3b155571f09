package dev.skim.compressor.config;

import dev.skim.core.tokens.Precision;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

/** Typed configuration of the compressor ({@code skim.compressor.*}). */
@ConfigMapping(prefix = "skim.compressor")
public interface CompressorConfig {

    /** Which encoder turns frames into patch tokens: {@code classical} (no model). */
    @WithDefault("classical")
    String encoder();

    /** The operator chain, e.g. {@code pool(2)} or {@code gate(0.02) > divprune(64)}. */
    @WithDefault("pool(2)")
    String chain();

    /** How token vectors are written to skim.tokens: FP32, FP16 or INT8 (+ per-token scale). */
    @WithDefault("FP16")
    Precision precision();

    /** Largest frame accepted, in pixels (width x height); larger frames are dead-lettered. */
    @WithDefault("16777216")
    @Positive
    long maxPixels();
}
