package dev.skim.core.encoder;

import dev.skim.core.encoder.DjlEncoderConfig.Engine;
import dev.skim.core.encoder.DjlEncoderConfig.OutputLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the {@link FrameEncoder} an {@link EncoderConfig} names. Model encoders are loaded and
 * checked here, so a missing file, a wrong output or an absent GPU fails at start-up with an {@link
 * EncoderException} that names it. With a non-zero {@code maxWait} the encoder is wrapped in a
 * {@link BatchingFrameEncoder}.
 */
public final class EncoderFactory {

    private EncoderFactory() {}

    /** The configured encoder; the caller owns it and closes it. */
    public static FrameEncoder create(EncoderConfig config) {
        Objects.requireNonNull(config, "config");
        FrameEncoder encoder =
                switch (config.name()) {
                    case "classical" -> new ClassicalPatchEncoder();
                    case "mobilenetv2" ->
                            DjlFrameEncoder.open(
                                    tuned(Encoders.mobilenetV2Config(), config).build());
                    case "onnx" -> DjlFrameEncoder.open(custom(config, Engine.ONNX_RUNTIME));
                    case "torchscript" -> DjlFrameEncoder.open(custom(config, Engine.PYTORCH));
                    case "clip-vit-b16" ->
                            DjlFrameEncoder.open(
                                    tuned(Encoders.clipVitB16(Path.of("model.onnx")), config)
                                            .setModel(config.model())
                                            .build());
                    case "siglip-base16" ->
                            DjlFrameEncoder.open(
                                    tuned(Encoders.siglipBase16(Path.of("model.onnx")), config)
                                            .setModel(config.model())
                                            .build());
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown encoder '" + config.name() + "'");
                };
        if (config.maxWait().compareTo(Duration.ZERO) > 0) {
            return new BatchingFrameEncoder(encoder, config.maxBatch(), config.maxWait());
        }
        return encoder;
    }

    private static DjlEncoderConfig custom(EncoderConfig config, Engine engine) {
        DjlEncoderConfig.Builder builder =
                config.custom() != null
                        ? config.custom().toBuilder()
                        : DjlEncoderConfig.builder()
                                .setId(engine == Engine.PYTORCH ? "torchscript" : "onnx")
                                .setTokensOutput("0", OutputLayout.FEATURE_MAP_NCHW);
        return tuned(builder.optEngine(engine).setModel(config.model()), config).build();
    }

    private static DjlEncoderConfig.Builder tuned(
            DjlEncoderConfig.Builder builder, EncoderConfig config) {
        return builder.optDevice(config.device())
                .optMaxBatch(config.maxBatch())
                .optPredictors(config.predictors())
                .optIntraOpThreads(config.intraOpThreads());
    }
}
