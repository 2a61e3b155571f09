package dev.skim.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.core.encoder.DjlEncoderConfig.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderFactoryTest {

    @Test
    void shouldBuildTheClassicalEncoderByName() {
        try (FrameEncoder encoder = EncoderFactory.create(EncoderConfig.of("Classical"))) {
            assertThat(encoder).isInstanceOf(ClassicalPatchEncoder.class);
            assertThat(encoder.id()).isEqualTo("classical-v1-14x14");
        }
    }

    @Test
    void shouldBuildTheMobileNetV2DefaultByName() {
        try (FrameEncoder encoder = EncoderFactory.create(EncoderConfig.of("mobilenetv2"))) {
            assertThat(encoder.id()).isEqualTo(Encoders.MOBILENET_V2_ID);
            assertThat(encoder.dim()).isEqualTo(384);
        }
    }

    @Test
    void shouldWrapInMicroBatchingWhenMaxWaitIsSet() {
        EncoderConfig config =
                EncoderConfig.of("mobilenetv2").withBatching(4, Duration.ofMillis(5));
        try (FrameEncoder encoder = EncoderFactory.create(config)) {
            assertThat(encoder).isInstanceOf(BatchingFrameEncoder.class);
            assertThat(encoder.encode(TestImages.pattern(64, 64, 3)).tokens()).hasSize(196);
        }
    }

    @Test
    void shouldLoadAnOnnxFileByPathWithACustomDescription(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("trunk.onnx");
        try (var in =
                getClass().getResourceAsStream("/models/mobilenetv2-nsfwjs440-block10.onnx")) {
            Files.copy(in, copy);
        }
        DjlEncoderConfig custom =
                Encoders.mobilenetV2Config().setId("my-trunk").optModelSha256(null).build();

        try (FrameEncoder encoder =
                EncoderFactory.create(
                        EncoderConfig.of("onnx", copy.toString()).withCustom(custom))) {
            assertThat(encoder.id()).isEqualTo("my-trunk");
            assertThat(encoder.encode(TestImages.pattern(64, 64, 3)).pooled()).hasSize(384);
        }
    }

    @Test
    void shouldTakeTheFirstOutputAsAFeatureMapForAPlainOnnxName(@TempDir Path dir)
            throws Exception {
        Path copy = dir.resolve("trunk.onnx");
        try (var in =
                getClass().getResourceAsStream("/models/mobilenetv2-nsfwjs440-block10.onnx")) {
            Files.copy(in, copy);
        }
        try (FrameEncoder encoder =
                EncoderFactory.create(EncoderConfig.of("onnx", copy.toString()))) {
            assertThat(encoder.id()).isEqualTo("onnx");
            assertThat(encoder.rows()).isEqualTo(14);
            assertThat(encoder.dim()).isEqualTo(384);
        }
    }

    @Test
    void shouldNameTheKnownEncodersForAnUnknownName() {
        assertThatThrownBy(() -> EncoderConfig.of("resnet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown encoder 'resnet'; known encoders: classical, mobilenetv2, onnx,"
                                + " torchscript, clip-vit-b16, siglip-base16");
    }

    @Test
    void shouldRequireAModelForOnnxAndRefuseOneForClassical() {
        assertThatThrownBy(() -> EncoderConfig.of("onnx"))
                .hasMessage("encoder 'onnx' needs a model (a path or URL of the model file)");
        assertThatThrownBy(() -> EncoderConfig.of("classical", "/tmp/x.onnx"))
                .hasMessageContaining("encoder 'classical' uses no model file");
    }

    @Test
    void shouldNameAMissingClipExportAtStartUp(@TempDir Path dir) {
        Path missing = dir.resolve("clip-vit-b16-vision.onnx");

        assertThatThrownBy(
                        () ->
                                EncoderFactory.create(
                                        EncoderConfig.of("clip-vit-b16", missing.toString())))
                .isInstanceOf(EncoderException.class)
                .hasMessage(
                        "encoder 'clip-vit-b16': model file not found: "
                                + missing.toAbsolutePath());
    }

    @Test
    void shouldSayWhenTorchScriptIsNotOnTheClassPath(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("model.pt"), "x");
        EncoderConfig config =
                EncoderConfig.of("torchscript", model.toString())
                        .withCustom(
                                DjlEncoderConfig.builder()
                                        .setId("ts")
                                        .setModelPath(model)
                                        .setTokensOutput("0", OutputLayout.FEATURE_MAP_NCHW)
                                        .build());
        org.junit.jupiter.api.Assumptions.assumeFalse(
                ai.djl.engine.Engine.hasEngine("PyTorch"),
                "PyTorch engine present (-Ptorchscript)");

        assertThatThrownBy(() -> EncoderFactory.create(config))
                .isInstanceOf(EncoderException.class)
                .hasMessage(
                        "encoder 'ts': DJL engine PyTorch is not on the class path (build with the"
                                + " 'torchscript' Maven profile)");
    }
}
