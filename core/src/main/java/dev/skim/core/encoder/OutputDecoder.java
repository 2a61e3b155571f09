package dev.skim.core.encoder;

import dev.skim.core.encoder.DjlEncoderConfig.OutputLayout;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Model outputs to token grids, as a {@link DjlEncoderConfig} describes them. */
final class OutputDecoder {

    /** The grid a model produces. */
    record Geometry(int rows, int cols, int dim) {}

    private final DjlEncoderConfig config;

    OutputDecoder(DjlEncoderConfig config) {
        this.config = config;
    }

    /** Reads the grid geometry from the tokens output and checks it against the configuration. */
    Geometry geometry(List<RawTensor> outputs) {
        RawTensor tokens = find(outputs, config.tokensOutput(), "tokensOutput");
        long[] s = tokens.shape();
        Geometry g =
                switch (config.tokensLayout()) {
                    case FEATURE_MAP_NCHW -> {
                        requireRank(tokens, 4, "[N, D, rows, cols]");
                        yield new Geometry((int) s[2], (int) s[3], (int) s[1]);
                    }
                    case FEATURE_MAP_NHWC -> {
                        requireRank(tokens, 4, "[N, rows, cols, D]");
                        yield new Geometry((int) s[1], (int) s[2], (int) s[3]);
                    }
                    case TOKENS -> {
                        requireRank(tokens, 3, "[N, T, D]");
                        if (s[1] < (long) config.rows() * config.cols()) {
                            throw shapeError(
                                    tokens,
                                    "has "
                                            + s[1]
                                            + " tokens, fewer than the "
                                            + config.rows()
                                            + "x"
                                            + config.cols()
                                            + " grid");
                        }
                        yield new Geometry(config.rows(), config.cols(), (int) s[2]);
                    }
                };
        if ((config.rows() != 0 && config.rows() != g.rows())
                || (config.cols() != 0 && config.cols() != g.cols())
                || (config.dim() != 0 && config.dim() != g.dim())) {
            throw shapeError(
                    tokens,
                    "gives a "
                            + g.rows()
                            + "x"
                            + g.cols()
                            + " grid of "
                            + g.dim()
                            + "-d tokens, but the configuration expects "
                            + config.rows()
                            + "x"
                            + config.cols()
                            + " of "
                            + config.dim()
                            + "-d (0 = any)");
        }
        return g;
    }

    /** One grid per batch element. */
    List<TokenGrid> decode(List<RawTensor> outputs, int batch, Geometry g) {
        RawTensor tokens = find(outputs, config.tokensOutput(), "tokensOutput");
        if (tokens.shape()[0] != batch) {
            throw shapeError(tokens, "has batch " + tokens.shape()[0] + ", expected " + batch);
        }
        RawTensor pooled =
                config.pooledOutput() == null
                        ? null
                        : find(outputs, config.pooledOutput(), "pooledOutput");
        RawTensor attention =
                config.attentionOutput() == null
                        ? null
                        : find(outputs, config.attentionOutput(), "attentionOutput");
        List<TokenGrid> grids = new ArrayList<>(batch);
        for (int n = 0; n < batch; n++) {
            List<Token> list = tokens(tokens, n, g);
            float[] pooledVector =
                    pooled != null ? sample(pooled, n) : config.meanPool() ? mean(list) : null;
            float[] cls = attention == null ? null : clsAttention(attention, n, g);
            grids.add(new TokenGrid(config.id(), g.rows(), g.cols(), list, pooledVector, cls));
        }
        return grids;
    }

    private List<Token> tokens(RawTensor t, int n, Geometry g) {
        int rows = g.rows();
        int cols = g.cols();
        int dim = g.dim();
        float[] data = t.data();
        int base = n * t.perSample();
        List<Token> out = new ArrayList<>(rows * cols);
        OutputLayout layout = config.tokensLayout();
        int skip = layout == OutputLayout.TOKENS ? (int) t.shape()[1] - rows * cols : 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float[] v = new float[dim];
                int p = r * cols + c;
                if (layout == OutputLayout.FEATURE_MAP_NCHW) {
                    int plane = rows * cols;
                    for (int d = 0; d < dim; d++) {
                        v[d] = data[base + d * plane + p];
                    }
                } else {
                    System.arraycopy(data, base + (skip + p) * dim, v, 0, dim);
                }
                out.add(Token.patch(v, 0, r, c));
            }
        }
        return out;
    }

    private static float[] sample(RawTensor t, int n) {
        int size = t.perSample();
        return Arrays.copyOfRange(t.data(), n * size, (n + 1) * size);
    }

    private static float[] mean(List<Token> tokens) {
        float[] sum = new float[tokens.get(0).dim()];
        for (Token token : tokens) {
            float[] v = token.vector();
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= tokens.size();
        }
        return sum;
    }

    /** CLS attention over the patches: [N, T] as is, [N, T, T] or [N, heads, T, T] row 0. */
    private float[] clsAttention(RawTensor t, int n, Geometry g) {
        int patches = g.rows() * g.cols();
        long[] s = t.shape();
        float[] data = t.data();
        int base = n * t.perSample();
        float[] out = new float[patches];
        if (s.length == 2) {
            requireAtLeast(t, (int) s[1], patches);
            System.arraycopy(data, base + (int) s[1] - patches, out, 0, patches);
        } else if (s.length == 3 || s.length == 4) {
            int heads = s.length == 4 ? (int) s[1] : 1;
            int tokens = (int) s[s.length - 1];
            requireAtLeast(t, tokens, patches);
            for (int h = 0; h < heads; h++) {
                int row = base + h * tokens * tokens; // row 0 = the CLS query
                for (int p = 0; p < patches; p++) {
                    out[p] += data[row + tokens - patches + p] / heads;
                }
            }
        } else {
            throw shapeError(t, "is not [N, T], [N, T, T] or [N, heads, T, T]");
        }
        return out;
    }

    private void requireAtLeast(RawTensor t, int tokens, int patches) {
        if (tokens < patches) {
            throw shapeError(t, "covers " + tokens + " tokens, fewer than " + patches + " patches");
        }
    }

    private void requireRank(RawTensor t, int rank, String expected) {
        if (t.shape().length != rank) {
            throw shapeError(t, "is not " + expected + " as tokensLayout " + config.tokensLayout());
        }
    }

    private EncoderException shapeError(RawTensor t, String problem) {
        return new EncoderException(
                "encoder '" + config.id() + "': " + t.describe() + " " + problem);
    }

    /** The output named {@code ref}, or at index {@code ref} when no output has that name. */
    RawTensor find(List<RawTensor> outputs, String ref, String field) {
        for (RawTensor t : outputs) {
            if (ref.equals(t.name())) {
                return t;
            }
        }
        if (ref.matches("\\d+") && Integer.parseInt(ref) < outputs.size()) {
            return outputs.get(Integer.parseInt(ref));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            names.add(outputs.get(i).name() == null ? "#" + i : outputs.get(i).name());
        }
        throw new EncoderException(
                "encoder '"
                        + config.id()
                        + "': "
                        + field
                        + " '"
                        + ref
                        + "' is not an output of "
                        + config.model()
                        + "; its outputs are "
                        + names);
    }
}
