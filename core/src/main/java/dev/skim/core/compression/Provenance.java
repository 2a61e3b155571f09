package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an operator did, as a sparse matrix W (M outputs x N inputs): output = W X, positions = W P.
 *
 * <p>The matrix view is Token Transforming's ("Token Transforming: A Unified and Training-Free
 * Token Compression Framework"): pruning is a one-hot row, merging is an averaging row (weights =
 * span_j / sum of spans), a soft many-to-many map has several positive weights. Each row stores its
 * source indices (ascending) and weights. Rows of a linear operator sum to 1.
 *
 * <p>Provenances compose: {@code first.then(second)} is W2 · W1, so after a chain each output row
 * lists the original patches it covers. {@link #apply} turns the matrix back into tokens, the
 * reference any linear operator must agree with: vector = sum w_j x_j, row/col = sum w_j p_j, span
 * = sum of the sources' spans, frame = the earliest frame among the sources (a rule that composes).
 *
 * <p>Composition is exact for vectors, positions and frames. Spans agree too when every step's rows
 * are disjoint (pruning and partition merges); when a step emits overlapping rows (progressive
 * novelty's coarse base tokens overlap its kept patches), a composed row counts a patch reached by
 * two paths once, so its span can be below the stepwise span.
 *
 * <p>Immutable; the arrays handed to the builder are owned by the instance.
 */
public final class Provenance {
    private final int inputs;
    private final int[][] sources;
    private final float[][] weights;

    private Provenance(int inputs, int[][] sources, float[][] weights) {
        this.inputs = inputs;
        this.sources = sources;
        this.weights = weights;
    }

    /** N x N identity: every token maps to itself. */
    public static Provenance identity(int n) {
        int[] picks = new int[n];
        for (int i = 0; i < n; i++) {
            picks[i] = i;
        }
        return select(n, picks);
    }

    /** One-hot rows: output i is input picks[i] (pruning). */
    public static Provenance select(int inputs, int[] picks) {
        Builder b = builder(inputs);
        for (int p : picks) {
            b.add(new int[] {p}, new float[] {1f});
        }
        return b.build();
    }

    /** No outputs over N inputs (a dropped frame). */
    public static Provenance empty(int inputs) {
        return builder(inputs).build();
    }

    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** Number of inputs N (columns). */
    public int inputs() {
        return inputs;
    }

    /** Number of outputs M (rows). */
    public int outputs() {
        return sources.length;
    }

    /** Input indices of output row i, ascending (a copy). */
    public int[] sources(int row) {
        return sources[row].clone();
    }

    /** Weights of output row i, aligned with {@link #sources(int)} (a copy). */
    public float[] weights(int row) {
        return weights[row].clone();
    }

    /** Sum of the weights of row i (1 for pruning and merging rows). */
    public float rowSum(int row) {
        float s = 0f;
        for (float w : weights[row]) {
            s += w;
        }
        return s;
    }

    /** Dense W[row][col]; for tests and debugging. */
    public float weight(int row, int col) {
        int k = Arrays.binarySearch(sources[row], col);
        return k >= 0 ? weights[row][k] : 0f;
    }

    /**
     * Composition: this is W1 (M1 x N), next is W2 (M2 x M1); the result is W2 · W1 (M2 x N).
     *
     * @throws IllegalArgumentException when next does not take this one's outputs as inputs
     */
    public Provenance then(Provenance next) {
        if (next.inputs != outputs()) {
            throw new IllegalArgumentException(
                    "cannot compose: next takes "
                            + next.inputs
                            + " inputs, this has "
                            + outputs()
                            + " outputs");
        }
        float[] acc = new float[inputs];
        boolean[] touched = new boolean[inputs];
        int[] list = new int[inputs];
        Builder b = builder(inputs);
        for (int r = 0; r < next.outputs(); r++) {
            int count = 0;
            int[] mid = next.sources[r];
            float[] midW = next.weights[r];
            for (int k = 0; k < mid.length; k++) {
                int m = mid[k];
                float w2 = midW[k];
                int[] src = sources[m];
                float[] w1 = weights[m];
                for (int j = 0; j < src.length; j++) {
                    int s = src[j];
                    if (!touched[s]) {
                        touched[s] = true;
                        list[count++] = s;
                    }
                    acc[s] += w2 * w1[j];
                }
            }
            int[] outSrc = Arrays.copyOf(list, count);
            Arrays.sort(outSrc);
            float[] outW = new float[count];
            for (int j = 0; j < count; j++) {
                outW[j] = acc[outSrc[j]];
                acc[outSrc[j]] = 0f;
                touched[outSrc[j]] = false;
            }
            b.addSorted(outSrc, outW);
        }
        return b.build();
    }

    /** W v for a per-input scalar (for example attention), one value per output. */
    public float[] applyScalar(float[] values) {
        if (values.length != inputs) {
            throw new IllegalArgumentException(
                    "expected " + inputs + " values, got " + values.length);
        }
        float[] out = new float[outputs()];
        for (int r = 0; r < out.length; r++) {
            float s = 0f;
            for (int k = 0; k < sources[r].length; k++) {
                s += weights[r][k] * values[sources[r][k]];
            }
            out[r] = s;
        }
        return out;
    }

    /** Output tokens W X as defined in the class comment. */
    public List<Token> apply(List<Token> in) {
        if (in.size() != inputs) {
            throw new IllegalArgumentException("expected " + inputs + " tokens, got " + in.size());
        }
        List<Token> out = new ArrayList<>(outputs());
        int dim = in.isEmpty() ? 0 : in.get(0).dim();
        for (int r = 0; r < outputs(); r++) {
            float[] v = new float[dim];
            double row = 0;
            double col = 0;
            int span = 0;
            int frame = Integer.MAX_VALUE;
            for (int k = 0; k < sources[r].length; k++) {
                Token t = in.get(sources[r][k]);
                float w = weights[r][k];
                VectorMath.addScaled(v, t.vector(), w);
                row += w * t.row();
                col += w * t.col();
                span += t.span();
                frame = Math.min(frame, t.frame());
            }
            frame = sources[r].length == 0 ? 0 : frame;
            out.add(new Token(v, frame, (float) row, (float) col, Math.max(1, span)));
        }
        return out;
    }

    /** For each input, the output giving it the largest weight, or -1 when no output covers it. */
    public int[] ownerOfEachInput() {
        int[] owner = new int[inputs];
        float[] bestW = new float[inputs];
        Arrays.fill(owner, -1);
        for (int r = 0; r < outputs(); r++) {
            for (int k = 0; k < sources[r].length; k++) {
                int s = sources[r][k];
                if (weights[r][k] > bestW[s]) {
                    bestW[s] = weights[r][k];
                    owner[s] = r;
                }
            }
        }
        return owner;
    }

    @Override
    public String toString() {
        return "Provenance[" + outputs() + " x " + inputs + "]";
    }

    /** Adds rows in output order. */
    public static final class Builder {
        private final int inputs;
        private final List<int[]> sources = new ArrayList<>();
        private final List<float[]> weights = new ArrayList<>();

        private Builder(int inputs) {
            if (inputs < 0) {
                throw new IllegalArgumentException("inputs must be >= 0, was " + inputs);
            }
            this.inputs = inputs;
        }

        /** Adds one output row; sources need not be sorted, must be distinct and in range. */
        public Builder add(int[] src, float[] w) {
            if (src.length != w.length) {
                throw new IllegalArgumentException(
                        "row has " + src.length + " sources but " + w.length + " weights");
            }
            int[] order = sortedOrder(src);
            int[] s = new int[src.length];
            float[] ws = new float[src.length];
            for (int i = 0; i < order.length; i++) {
                s[i] = src[order[i]];
                ws[i] = w[order[i]];
            }
            return addSorted(s, ws);
        }

        /** Adds a merging row: the given inputs weighted span_j / sum of their spans. */
        public Builder addMean(int[] src, int[] spans) {
            float total = 0f;
            for (int s : src) {
                total += spans[s];
            }
            float[] w = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                w[i] = spans[src[i]] / total;
            }
            return add(src, w);
        }

        Builder addSorted(int[] src, float[] w) {
            for (int i = 0; i < src.length; i++) {
                if (src[i] < 0 || src[i] >= inputs) {
                    throw new IllegalArgumentException(
                            "source " + src[i] + " out of range 0.." + (inputs - 1));
                }
                if (i > 0 && src[i] <= src[i - 1]) {
                    throw new IllegalArgumentException("duplicate source " + src[i]);
                }
            }
            sources.add(src);
            weights.add(w);
            return this;
        }

        public int rows() {
            return sources.size();
        }

        public Provenance build() {
            return new Provenance(
                    inputs, sources.toArray(new int[0][]), weights.toArray(new float[0][]));
        }

        private static int[] sortedOrder(int[] src) {
            long[] packed = new long[src.length];
            for (int i = 0; i < src.length; i++) {
                packed[i] = ((long) src[i] << 32) | i;
            }
            Arrays.sort(packed);
            int[] out = new int[src.length];
            for (int i = 0; i < src.length; i++) {
                out[i] = (int) (packed[i] & 0xffffffffL);
            }
            return out;
        }
    }
}
