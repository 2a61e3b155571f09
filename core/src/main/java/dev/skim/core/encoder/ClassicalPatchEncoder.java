package dev.skim.core.encoder;

import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic, model-free {@link FrameEncoder}: hand-made descriptors per patch, for unit tests
 * and as the no-model fallback (DESIGN.md section 6).
 *
 * <p>The frame is resized (bilinear, half-pixel centres) to {@code rows*patchSize x cols*patchSize}
 * and cut into {@code rows x cols} square patches. Each patch gets, in this order:
 *
 * <ol>
 *   <li>6 colour moments: mean of R, G, B, then standard deviation of R, G, B, each divided by 255
 *       (so in 0..1 and 0..0.5);
 *   <li>{@code orientationBins} bins of an unsigned gradient-orientation histogram over [0, pi)
 *       (HOG-like, Dalal and Triggs 2005, without block normalisation): central differences of luma
 *       (BT.601), each pixel votes its gradient magnitude / 255 into its bin, divided by the
 *       patch's pixel count;
 *   <li>{@code dctBand x dctBand} low-frequency coefficients of the orthonormal 2-D DCT-II of the
 *       patch's luma (JPEG-style), row-major by (vertical, horizontal) frequency, divided by 255 *
 *       patchSize so that the DC term equals the mean luma in 0..1.
 * </ol>
 *
 * <p>With the default configuration (14x14 patches of 16 px over 224x224, 8 bins, 4x4 DCT) a token
 * has 6 + 8 + 16 = 30 dimensions. Tokens are <b>not</b> L2-normalised by default, so that their
 * length keeps brightness and contrast (a black patch is the zero vector); set {@link
 * Config#l2Normalize()} to get unit vectors (zero vectors stay zero). The id names the grid, and
 * the descriptor sizes when they differ from the defaults ({@code classical-v1-14x14}, {@code
 * classical-v1-7x7-p32-o12-d6-l2}). Thread-safe and stateless.
 */
public final class ClassicalPatchEncoder implements FrameEncoder {

    /**
     * Geometry and descriptor sizes.
     *
     * @param rows patch rows
     * @param cols patch columns
     * @param patchSize pixels per patch side after the resize
     * @param orientationBins gradient-orientation bins over [0, pi)
     * @param dctBand side of the low DCT band kept (at most patchSize)
     * @param l2Normalize whether each token is scaled to unit length
     */
    public record Config(
            int rows,
            int cols,
            int patchSize,
            int orientationBins,
            int dctBand,
            boolean l2Normalize) {
        public Config {
            requirePositive("rows", rows);
            requirePositive("cols", cols);
            requirePositive("patchSize", patchSize);
            requirePositive("orientationBins", orientationBins);
            requirePositive("dctBand", dctBand);
            if (dctBand > patchSize) {
                throw new IllegalArgumentException(
                        "dctBand " + dctBand + " exceeds patchSize " + patchSize);
            }
        }

        /** 14x14 patches of 16 px (a 224x224 resize), 8 bins, 4x4 DCT band, not normalised. */
        public static Config defaults() {
            return new Config(14, 14, 16, 8, 4, false);
        }

        public Config withGrid(int rows, int cols) {
            return new Config(rows, cols, patchSize, orientationBins, dctBand, l2Normalize);
        }

        public Config withL2Normalize(boolean normalize) {
            return new Config(rows, cols, patchSize, orientationBins, dctBand, normalize);
        }

        /** Descriptor length: 6 colour moments + bins + dctBand^2. */
        public int dim() {
            return 6 + orientationBins + dctBand * dctBand;
        }

        private static void requirePositive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }
    }

    private final Config config;
    private final String id;
    private final float[] dctBasis; // [k][n]: orthonormal DCT-II basis, k < dctBand, n < patchSize

    public ClassicalPatchEncoder() {
        this(Config.defaults());
    }

    public ClassicalPatchEncoder(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        Config defaults = Config.defaults();
        boolean defaultDescriptor =
                config.patchSize() == defaults.patchSize()
                        && config.orientationBins() == defaults.orientationBins()
                        && config.dctBand() == defaults.dctBand();
        this.id =
                "classical-v1-"
                        + config.rows()
                        + "x"
                        + config.cols()
                        + (defaultDescriptor
                                ? ""
                                : "-p"
                                        + config.patchSize()
                                        + "-o"
                                        + config.orientationBins()
                                        + "-d"
                                        + config.dctBand())
                        + (config.l2Normalize() ? "-l2" : "");
        this.dctBasis = dctBasis(config.dctBand(), config.patchSize());
    }

    public Config config() {
        return config;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int rows() {
        return config.rows();
    }

    @Override
    public int cols() {
        return config.cols();
    }

    @Override
    public int dim() {
        return config.dim();
    }

    @Override
    public int inputSide() {
        return Math.max(config.rows(), config.cols()) * config.patchSize();
    }

    @Override
    public List<TokenGrid> encodeBatch(List<RgbImage> images) {
        List<TokenGrid> grids = new ArrayList<>(images.size());
        for (RgbImage image : images) {
            grids.add(encodeOne(Objects.requireNonNull(image, "image")));
        }
        return grids;
    }

    private TokenGrid encodeOne(RgbImage image) {
        int p = config.patchSize();
        int width = config.cols() * p;
        int height = config.rows() * p;
        float[] rgb = BilinearResize.toRgbFloats(image, width, height);
        float[] luma = new float[width * height];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
        }
        List<Token> tokens = new ArrayList<>(config.rows() * config.cols());
        for (int r = 0; r < config.rows(); r++) {
            for (int c = 0; c < config.cols(); c++) {
                float[] v = new float[config.dim()];
                int x0 = c * p;
                int y0 = r * p;
                colourMoments(rgb, width, x0, y0, v);
                orientationHistogram(luma, width, height, x0, y0, v, 6);
                lowDct(luma, width, x0, y0, v, 6 + config.orientationBins());
                if (config.l2Normalize()) {
                    l2Normalize(v);
                }
                tokens.add(Token.patch(v, 0, r, c));
            }
        }
        return new TokenGrid(id, config.rows(), config.cols(), tokens, null, null);
    }

    private void colourMoments(float[] rgb, int width, int x0, int y0, float[] v) {
        int p = config.patchSize();
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        for (int y = y0; y < y0 + p; y++) {
            for (int x = x0; x < x0 + p; x++) {
                int o = (y * width + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double value = rgb[o + ch];
                    sum[ch] += value;
                    sumSq[ch] += value * value;
                }
            }
        }
        int n = p * p;
        for (int ch = 0; ch < 3; ch++) {
            double mean = sum[ch] / n;
            double variance = Math.max(0, sumSq[ch] / n - mean * mean);
            v[ch] = (float) (mean / 255);
            v[3 + ch] = (float) (Math.sqrt(variance) / 255);
        }
    }

    private void orientationHistogram(
            float[] luma, int width, int height, int x0, int y0, float[] v, int offset) {
        int p = config.patchSize();
        int bins = config.orientationBins();
        float scale = 1f / (255f * p * p);
        for (int y = y0; y < y0 + p; y++) {
            int up = Math.max(y - 1, 0);
            int down = Math.min(y + 1, height - 1);
            for (int x = x0; x < x0 + p; x++) {
                int left = Math.max(x - 1, 0);
                int right = Math.min(x + 1, width - 1);
                float gx = (luma[y * width + right] - luma[y * width + left]) / 2f;
                float gy = (luma[down * width + x] - luma[up * width + x]) / 2f;
                float magnitude = (float) Math.sqrt(gx * gx + gy * gy);
                if (magnitude == 0f) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                int bin = Math.min((int) (angle / Math.PI * bins), bins - 1);
                v[offset + bin] += magnitude * scale;
            }
        }
    }

    private void lowDct(float[] luma, int width, int x0, int y0, float[] v, int offset) {
        int p = config.patchSize();
        int k = config.dctBand();
        // separable: first along x for each row, then along y
        float[] rowPass = new float[p * k];
        for (int y = 0; y < p; y++) {
            for (int u = 0; u < k; u++) {
                float acc = 0f;
                for (int x = 0; x < p; x++) {
                    acc += dctBasis[u * p + x] * luma[(y0 + y) * width + x0 + x];
                }
                rowPass[y * k + u] = acc;
            }
        }
        float scale = 1f / (255f * p);
        for (int vy = 0; vy < k; vy++) {
            for (int u = 0; u < k; u++) {
                float acc = 0f;
                for (int y = 0; y < p; y++) {
                    acc += dctBasis[vy * p + y] * rowPass[y * k + u];
                }
                v[offset + vy * k + u] = acc * scale;
            }
        }
    }

    private static float[] dctBasis(int band, int size) {
        float[] basis = new float[band * size];
        for (int k = 0; k < band; k++) {
            double norm = k == 0 ? Math.sqrt(1.0 / size) : Math.sqrt(2.0 / size);
            for (int n = 0; n < size; n++) {
                basis[k * size + n] = (float) (norm * Math.cos(Math.PI * (n + 0.5) * k / size));
            }
        }
        return basis;
    }

    private static void l2Normalize(float[] v) {
        double sumSq = 0;
        for (float x : v) {
            sumSq += x * x;
        }
        if (sumSq == 0) {
            return;
        }
        float inv = (float) (1 / Math.sqrt(sumSq));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}
