package dev.skim.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.encoder.DjlEncoderConfig.Device;
import dev.skim.core.encoder.DjlEncoderConfig.OutputLayout;
import dev.skim.core.tokens.TokenGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlFrameEncoderTest {

    @Test
    void shouldNameTheMissingModelFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope/vision.onnx");
        DjlEncoderConfig config =
                DjlEncoderConfig.builder()
                        .setId("custom")
                        .setModelPath(missing)
                        .setTokensOutput("tokens", OutputLayout.FEATURE_MAP_NCHW)
                        .build();

        assertThatThrownBy(() -> DjlFrameEncoder.open(config))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("model file not found: " + missing.toAbsolutePath());
    }

    @Test
    void shouldRejectAFileThatIsNotAModel(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a protobuf");
        DjlEncoderConfig config =
                DjlEncoderConfig.builder()
                        .setId("junk")
                        .setModelPath(junk)
                        .setTokensOutput("tokens", OutputLayout.FEATURE_MAP_NCHW)
                        .build();

        assertThatThrownBy(() -> DjlFrameEncoder.open(config))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("cannot load model " + junk);
    }

    @Test
    void shouldListTheModelsOutputsWhenTheTokensOutputIsMissing() {
        DjlEncoderConfig config =
                Encoders.mobilenetV2Config()
                        .setTokensOutput("last_hidden_state", OutputLayout.FEATURE_MAP_NCHW)
                        .build();

        assertThatThrownBy(() -> DjlFrameEncoder.open(config))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("tokensOutput 'last_hidden_state' is not an output")
                .hasMessageContaining("[block_10_expand_relu, block_10_expand_relu_gap]");
    }

    @Test
    void shouldRejectAGridThatDoesNotMatchTheModel() {
        DjlEncoderConfig config = Encoders.mobilenetV2Config().optGrid(16, 16, 384).build();

        assertThatThrownBy(() -> DjlFrameEncoder.open(config))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("gives a 14x14 grid of 384-d tokens")
                .hasMessageContaining("expects 16x16 of 384-d");
    }

    @Test
    void shouldRejectATokenLayoutOfTheWrongRank() {
        DjlEncoderConfig config =
                Encoders.mobilenetV2Config()
                        .setTokensOutput("block_10_expand_relu", OutputLayout.TOKENS)
                        .build();

        assertThatThrownBy(() -> DjlFrameEncoder.open(config))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("'block_10_expand_relu' [1, 384, 14, 14] is not [N, T, D]");
    }

    @Test
    void shouldRejectAModelWhoseChecksumDiffers() {
        DjlEncoderConfig config =
                Encoders.mobilenetV2Config().optModelSha256("0".repeat(64)).build();

        assertThatThrownBy(() -> DjlFrameEncoder.open(config))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("has SHA-256 " + Encoders.MOBILENET_V2_SHA256);
    }

    @Test
    void shouldFailClearlyWhenAGpuIsRequestedAndNoneIsUsable() {
        // this build machine has no CUDA GPU (and the CPU build of ONNX Runtime)
        DjlEncoderConfig config = Encoders.mobilenetV2Config().optDevice(Device.GPU).build();

        assertThatThrownBy(() -> DjlFrameEncoder.open(config))
                .isInstanceOf(EncoderException.class)
                .hasMessageStartingWith(
                        "encoder 'mobilenetv2-nsfwjs440-block10': device=gpu was requested but ")
                .hasMessageMatching(".*(no CUDA GPU is visible|no CUDA execution provider).*");
    }

    @Test
    void shouldFallBackToTheCpuWhenDeviceIsAutoAndNoGpuIsUsable() {
        try (DjlFrameEncoder encoder =
                DjlFrameEncoder.open(Encoders.mobilenetV2Config().optDevice(Device.AUTO).build())) {
            assertThat(encoder.device()).isEqualTo("cpu()");
            assertThat(encoder.encode(TestImages.pattern(100, 60, 1)).tokens()).hasSize(196);
        }
    }

    @Test
    void shouldGiveEachConcurrentCallerItsOwnResult() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            images.add(TestImages.pattern(200, 150, 100 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (DjlFrameEncoder encoder =
                DjlFrameEncoder.open(
                        Encoders.mobilenetV2Config().optPredictors(2).optMaxBatch(2).build())) {
            List<TokenGrid> sequential = encoder.encodeBatch(images);
            List<Future<TokenGrid>> concurrent = new ArrayList<>();
            for (RgbImage image : images) {
                concurrent.add(pool.submit(() -> encoder.encode(image)));
            }
            for (int i = 0; i < images.size(); i++) {
                TokenGrid a = sequential.get(i);
                TokenGrid b = concurrent.get(i).get();
                for (int t = 0; t < 196; t += 13) {
                    for (int d = 0; d < 384; d += 7) {
                        assertThat(b.tokens().get(t).vector()[d])
                                .isCloseTo(a.tokens().get(t).vector()[d], within(1e-5f));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldMeanPoolWhenAskedAndTheModelHasNoPooledOutput() {
        DjlEncoderConfig config =
                Encoders.mobilenetV2Config().optPooledOutput(null).optMeanPool(true).build();
        try (DjlFrameEncoder encoder = DjlFrameEncoder.open(config)) {
            TokenGrid grid = encoder.encode(TestImages.pattern(224, 224, 5));

            float sum = 0;
            for (int t = 0; t < 196; t++) {
                sum += grid.tokens().get(t).vector()[42];
            }
            assertThat(grid.pooled()[42]).isCloseTo(sum / 196, within(1e-4f));
        }
    }

    @Test
    void shouldRefuseToEncodeAfterClose() {
        DjlFrameEncoder encoder = Encoders.mobilenetV2();
        encoder.close();

        assertThatThrownBy(() -> encoder.encode(TestImages.uniform(8, 8, 0, 0, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
