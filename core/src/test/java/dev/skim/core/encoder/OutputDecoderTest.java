package dev.skim.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.encoder.DjlEncoderConfig.OutputLayout;
import dev.skim.core.tokens.TokenGrid;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputDecoderTest {

    private static DjlEncoderConfig.Builder vit() {
        return DjlEncoderConfig.builder()
                .setId("vit")
                .setModel("vit.onnx")
                .setTokensOutput("last_hidden_state", OutputLayout.TOKENS)
                .optGrid(2, 2, 0)
                .optPooledOutput("pooler_output")
                .optAttentionOutput("attn");
    }

    /** value = 100 * n + 10 * token + d. */
    private static RawTensor sequence(int batch, int tokens, int dim) {
        float[] data = new float[batch * tokens * dim];
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < tokens; t++) {
                for (int d = 0; d < dim; d++) {
                    data[(n * tokens + t) * dim + d] = 100 * n + 10 * t + d;
                }
            }
        }
        return new RawTensor("last_hidden_state", new long[] {batch, tokens, dim}, data);
    }

    @Test
    void shouldDropTheLeadingClsTokenAndKeepThePatchesRowMajor() {
        OutputDecoder decoder = new OutputDecoder(vit().optAttentionOutput(null).build());
        List<RawTensor> outputs =
                List.of(
                        sequence(2, 5, 3),
                        new RawTensor(
                                "pooler_output",
                                new long[] {2, 3},
                                new float[] {1, 2, 3, 4, 5, 6}));

        OutputDecoder.Geometry g = decoder.geometry(outputs);
        List<TokenGrid> grids = decoder.decode(outputs, 2, g);

        assertThat(g).isEqualTo(new OutputDecoder.Geometry(2, 2, 3));
        assertThat(grids.get(1).at(0, 0).vector()).containsExactly(110, 111, 112);
        assertThat(grids.get(1).at(1, 1).vector()).containsExactly(140, 141, 142);
        assertThat(grids.get(1).pooled()).containsExactly(4, 5, 6);
    }

    @Test
    void shouldAverageTheClsRowOfMultiHeadAttentionOverThePatches() {
        OutputDecoder decoder = new OutputDecoder(vit().build());
        int tokens = 5;
        float[] attn = new float[2 * tokens * tokens];
        // head 0 CLS row: 0.0 (CLS), 0.1, 0.2, 0.3, 0.4; head 1 CLS row: 0, 0.3, 0.3, 0.2, 0.2
        float[][] rows = {{0f, 0.1f, 0.2f, 0.3f, 0.4f}, {0f, 0.3f, 0.3f, 0.2f, 0.2f}};
        for (int h = 0; h < 2; h++) {
            System.arraycopy(rows[h], 0, attn, h * tokens * tokens, tokens);
        }
        List<RawTensor> outputs =
                List.of(
                        sequence(1, tokens, 3),
                        new RawTensor("pooler_output", new long[] {1, 3}, new float[3]),
                        new RawTensor("attn", new long[] {1, 2, tokens, tokens}, attn));

        TokenGrid grid = decoder.decode(outputs, 1, decoder.geometry(outputs)).get(0);

        assertThat(grid.attention()).hasSize(4);
        assertThat(grid.attention()[0]).isCloseTo(0.2f, within(1e-6f));
        assertThat(grid.attention()[1]).isCloseTo(0.25f, within(1e-6f));
        assertThat(grid.attention()[2]).isCloseTo(0.25f, within(1e-6f));
        assertThat(grid.attention()[3]).isCloseTo(0.3f, within(1e-6f));
    }

    @Test
    void shouldReadAChannelsLastFeatureMap() {
        OutputDecoder decoder =
                new OutputDecoder(
                        DjlEncoderConfig.builder()
                                .setId("tf")
                                .setModel("tf.onnx")
                                .setTokensOutput("features", OutputLayout.FEATURE_MAP_NHWC)
                                .optMeanPool(true)
                                .build());
        // [1, 1, 2, 2]: one row, two columns, two channels
        List<RawTensor> outputs =
                List.of(
                        new RawTensor(
                                "features", new long[] {1, 1, 2, 2}, new float[] {1, 2, 3, 4}));

        TokenGrid grid = decoder.decode(outputs, 1, decoder.geometry(outputs)).get(0);

        assertThat(grid.at(0, 1).vector()).containsExactly(3, 4);
        assertThat(grid.pooled()).containsExactly(2, 3);
    }

    @Test
    void shouldRejectASequenceShorterThanTheGrid() {
        OutputDecoder decoder = new OutputDecoder(vit().optGrid(14, 14, 0).build());

        assertThatThrownBy(() -> decoder.geometry(List.of(sequence(1, 50, 8))))
                .isInstanceOf(EncoderException.class)
                .hasMessage(
                        "encoder 'vit': 'last_hidden_state' [1, 50, 8] has 50 tokens, fewer than"
                                + " the 14x14 grid");
    }
}
