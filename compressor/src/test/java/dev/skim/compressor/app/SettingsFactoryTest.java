package dev.skim.compressor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.compressor.config.CompressorConfig;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.topology.CompressorTopology;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.compression.DefaultChains;
import dev.skim.core.encoder.EncoderConfig;
import dev.skim.core.tokens.Precision;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsFactoryTest {

    private static CompressorConfig config(Map<String, String> props) {
        SmallRyeConfig config =
                new SmallRyeConfigBuilder()
                        .withMapping(CompressorConfig.class)
                        // as in Quarkus: durations such as 2s or 500ms
                        .withConverter(Duration.class, 200, new DurationConverter())
                        .withSources(new PropertiesConfigSource(props, "test", 500))
                        .build();
        return config.getConfigMapping(CompressorConfig.class);
    }

    @Test
    void shouldBuildTheDefaults() {
        CompressorConfig c = config(Map.of());
        EncoderConfig encoder = SettingsFactory.encoder(c);
        assertThat(encoder.name()).isEqualTo("mobilenetv2");
        assertThat(SettingsFactory.fastChain(c).spec())
                .isEqualTo(ChainSpec.parse(DefaultChains.fast()).spec());
        assertThat(SettingsFactory.slowChain(c).spec())
                .isEqualTo(ChainSpec.parse(DefaultChains.SLOW).spec());
        assertThat(c.precision()).isEqualTo(Precision.INT8);
        CompressorTopology.Settings s = SettingsFactory.settings(c, CompressorMetrics.NONE);
        assertThat(s.windowing().spec()).isEqualTo(new WindowSpec.ByTime(2000, 1000));
        assertThat(s.windowing().policy()).isEqualTo(SlowPolicy.MOST_NOVEL);
        assertThat(s.maxRecordBytes()).isEqualTo(900_000);
        assertThat(s.frameTier()).isTrue();
    }

    @Test
    void shouldShipTheDocumentedDefaultChainsInApplicationProperties() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in =
                SettingsFactoryTest.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        assertThat(shipped.getProperty("skim.compressor.fast.chain"))
                .isEqualTo(DefaultChains.fast());
        assertThat(shipped.getProperty("skim.compressor.slow.chain")).isEqualTo(DefaultChains.SLOW);
        assertThat(shipped.getProperty("skim.compressor.precision")).isEqualTo("INT8");
    }

    @Test
    void shouldTurnTheFrameTierOff() {
        CompressorConfig c = config(Map.of("skim.compressor.frame-tier.enabled", "false"));
        assertThat(SettingsFactory.settings(c, CompressorMetrics.NONE).frameTier()).isFalse();
    }

    @Test
    void shouldUseFrameWindowsWhenFramesAreSet() {
        CompressorConfig c =
                config(
                        Map.of(
                                "skim.compressor.window.frames", "25",
                                "skim.compressor.window.grace-frames", "5",
                                "skim.compressor.slow.policy", "scene-cut"));
        CompressorTopology.Settings s = SettingsFactory.settings(c, CompressorMetrics.NONE);
        assertThat(s.windowing().spec()).isEqualTo(new WindowSpec.ByFrames(25, 5));
        assertThat(s.windowing().policy()).isEqualTo(SlowPolicy.SCENE_CUT);
    }

    @Test
    void shouldNameThePropertyOfABadChain() {
        CompressorConfig c = config(Map.of("skim.compressor.slow.chain", "divprune(64) > nope(3)"));
        assertThatThrownBy(() -> SettingsFactory.slowChain(c))
                .hasMessageStartingWith("skim.compressor.slow.chain: ")
                .hasMessageContaining("nope");
    }

    @Test
    void shouldNameThePropertyOfAnUnknownEncoder() {
        CompressorConfig c = config(Map.of("skim.compressor.encoder.name", "resnet"));
        assertThatThrownBy(() -> SettingsFactory.encoder(c))
                .hasMessageStartingWith("skim.compressor.encoder: ")
                .hasMessageContaining("unknown encoder 'resnet'");
    }

    @Test
    void shouldRejectAZeroWindowAndANegativeGrace() {
        assertThatThrownBy(
                        () ->
                                SettingsFactory.settings(
                                        config(Map.of("skim.compressor.window.size", "0s")),
                                        CompressorMetrics.NONE))
                .hasMessageStartingWith("skim.compressor.window.size: must be at least 1ms");
        assertThatThrownBy(
                        () ->
                                SettingsFactory.settings(
                                        config(Map.of("skim.compressor.window.grace", "-1s")),
                                        CompressorMetrics.NONE))
                .hasMessageStartingWith("skim.compressor.window.grace: must not be negative");
    }

    @Test
    void shouldRejectARecordLimitOneFrameCannotFit() {
        assertThatThrownBy(
                        () ->
                                new dev.skim.compressor.window.BlockAssembler(
                                        new dev.skim.compressor.window.BlockAssembler.EncoderInfo(
                                                "clip", 14, 14, 768),
                                        dev.skim.core.tokens.Precision.FP32,
                                        500_000))
                .hasMessageContaining("more than skim.compressor.max-record-bytes=500000");
    }
}
