package dev.skim.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import dev.skim.core.encoder.DjlEncoderConfig.OutputLayout;
import dev.skim.core.tokens.TokenGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TorchScript path (DJL PyTorch engine, offline natives jar): runs only with {@code
 * -Ptorchscript}. The model, patch_mean.pt (tools/model-converter/fixtures), averages each 16x16
 * patch of a 224x224 input, so its tokens are the patches' mean R, G, B.
 */
class TorchScriptEncoderTest {

    @TempDir Path dir;

    private DjlEncoderConfig config;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(
                Engine.hasEngine("PyTorch"),
                "DJL PyTorch engine not on the class path; run with -Ptorchscript");
        Path model = dir.resolve("patch_mean.pt");
        try (var in = getClass().getResourceAsStream("/encoder/patch_mean.pt")) {
            Files.copy(in, model);
        }
        config =
                DjlEncoderConfig.builder()
                        .setId("patch-mean-ts")
                        .optEngine(DjlEncoderConfig.Engine.PYTORCH)
                        .setModelPath(model)
                        .setTokensOutput("0", OutputLayout.FEATURE_MAP_NCHW)
                        .optGrid(14, 14, 3)
                        .optMeanPool(true)
                        .build();
    }

    @Test
    void shouldRunATorchScriptModelOfflineAndPutARedSquareInItsPatch() {
        try (DjlFrameEncoder encoder = DjlFrameEncoder.open(config)) {
            TokenGrid grid =
                    encoder.encode(TestImages.withRect(224, 224, 80, 48, 96, 64, 255, 0, 0));

            assertThat(encoder.dim()).isEqualTo(3);
            for (int r = 0; r < 14; r++) {
                for (int c = 0; c < 14; c++) {
                    float expected = (r == 3 && c == 5) ? 1f : 0f;
                    assertThat(grid.at(r, c).vector()[0]).isCloseTo(expected, within(1e-6f));
                    assertThat(grid.at(r, c).vector()[1]).isCloseTo(0f, within(1e-6f));
                }
            }
            assertThat(grid.pooled()[0]).isCloseTo(1f / 196, within(1e-6f));
        }
    }

    @Test
    void shouldAgreeWithTheClassicalColourMeansInABatch() {
        RgbImage a = TestImages.pattern(224, 224, 21);
        RgbImage b = TestImages.pattern(224, 224, 22);
        ClassicalPatchEncoder classical = new ClassicalPatchEncoder();
        try (DjlFrameEncoder encoder = DjlFrameEncoder.open(config)) {
            var grids = encoder.encodeBatch(java.util.List.of(a, b));

            for (int i = 0; i < 2; i++) {
                TokenGrid expected = classical.encode(i == 0 ? a : b);
                for (int t = 0; t < 196; t++) {
                    for (int ch = 0; ch < 3; ch++) {
                        assertThat(grids.get(i).tokens().get(t).vector()[ch])
                                .isCloseTo(expected.tokens().get(t).vector()[ch], within(1e-5f));
                    }
                }
            }
        }
    }
}
