package dev.skim.core.compression;

import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * Fidelity metrics of DESIGN.md section 5, defined once for tests and benchmarks. All take the
 * original tokens (the encoder output) and what a chain kept, with the chain's provenance where a
 * metric needs to know which output stands for which original patch.
 */
public final class Fidelity {
    private Fidelity() {}

    /**
     * Coverage = mean over original tokens x of max over outputs y of cos(x, y); 1.0 when
     * everything is represented, 0 when nothing is kept.
     */
    public static double coverage(List<Token> original, List<Token> kept) {
        if (original.isEmpty()) {
            return 1.0;
        }
        if (kept.isEmpty()) {
            return 0.0;
        }
        UnitMatrix in = UnitMatrix.of(original);
        int n = in.size();
        float[] best = new float[n];
        float[] sims = new float[n];
        java.util.Arrays.fill(best, -1f);
        for (Token y : kept) {
            in.similarities(VectorMath.unit(y.vector()), sims);
            for (int i = 0; i < n; i++) {
                if (sims[i] > best[i]) {
                    best[i] = sims[i];
                }
            }
        }
        double sum = 0;
        for (float b : best) {
            sum += b;
        }
        return sum / n;
    }

    /**
     * Reconstruction error = mean over original tokens of |x - x^| / |x|, where x^ is the output
     * that the provenance maps x to (the output giving x its largest weight). An original no output
     * covers counts as reconstructed by zero (error 1); zero-norm originals are skipped.
     *
     * @param w the provenance of kept over original (a chain's composed W)
     */
    public static double reconstructionError(List<Token> original, List<Token> kept, Provenance w) {
        if (w.inputs() != original.size() || w.outputs() != kept.size()) {
            throw new IllegalArgumentException(
                    "provenance is "
                            + w.outputs()
                            + " x "
                            + w.inputs()
                            + " for "
                            + kept.size()
                            + " kept of "
                            + original.size()
                            + " original tokens");
        }
        int[] owner = w.ownerOfEachInput();
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < original.size(); i++) {
            float[] x = original.get(i).vector();
            float norm = VectorMath.norm(x);
            if (norm == 0f) {
                continue;
            }
            counted++;
            if (owner[i] < 0) {
                sum += 1.0;
                continue;
            }
            float[] y = kept.get(owner[i]).vector();
            double d2 = 0;
            for (int k = 0; k < x.length; k++) {
                double d = x[k] - y[k];
                d2 += d * d;
            }
            sum += Math.sqrt(d2) / norm;
        }
        return counted == 0 ? 0.0 : sum / counted;
    }

    /** Original tokens / kept tokens (infinite when nothing is kept). */
    public static double compressionRatio(int original, int kept) {
        return kept == 0 ? Double.POSITIVE_INFINITY : (double) original / kept;
    }

    /**
     * Vector bytes on the wire per frame: tokens x dim values in the precision (plus one 4-byte
     * scale per token for INT8), divided by frames. Positions and spans (4 small numbers a token)
     * are not included.
     */
    public static double bytesPerFrame(int tokens, int dim, Precision precision, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, was " + frames);
        }
        return (double) precision.bytes(tokens, dim) / frames;
    }

    /**
     * Where a needle query lands in a stored token set.
     *
     * @param rank 1-based rank of the best-ranked token from the needle's frame (0 when no stored
     *     token is from that frame)
     * @param topFrame frame of the top-ranked token (-1 when nothing is stored)
     * @param frameError |topFrame - needleFrame| in frames
     */
    public record Needle(int rank, int topFrame, int frameError) {
        /** Recall@1: the top token is from the needle's frame. */
        public boolean hit() {
            return rank == 1;
        }
    }

    /**
     * Indices of all tokens by descending cosine to the query (ties to the lower index); a token of
     * zero norm scores 0.
     *
     * @throws IllegalArgumentException when the query's dimension is not the tokens'
     */
    public static int[] rank(List<Token> tokens, float[] query) {
        float[] q = VectorMath.unit(query);
        float[] r = new float[tokens.size()];
        for (int i = 0; i < r.length; i++) {
            float[] x = tokens.get(i).vector();
            if (x.length != q.length) {
                throw new IllegalArgumentException(
                        "query has dimension " + q.length + ", tokens have " + x.length);
            }
            float n = VectorMath.norm(x);
            r[i] = n == 0f ? 0f : VectorMath.dot(x, q) / n;
        }
        return VectorMath.topIndices(r, tokens.size());
    }

    /**
     * Needle search: rank the stored tokens by cosine to the query (the needle's own encoding, or a
     * text query) and report where the needle's frame lands.
     */
    public static Needle needle(List<Token> stored, float[] query, int needleFrame) {
        if (stored.isEmpty()) {
            return new Needle(0, -1, Integer.MAX_VALUE);
        }
        int[] order = rank(stored, query);
        int top = stored.get(order[0]).frame();
        int rank = 0;
        for (int i = 0; i < order.length; i++) {
            if (stored.get(order[i]).frame() == needleFrame) {
                rank = i + 1;
                break;
            }
        }
        return new Needle(rank, top, Math.abs(top - needleFrame));
    }

    /** Share of needles with recall@1. */
    public static double recallAt1(List<Needle> needles) {
        return needles.isEmpty()
                ? 0.0
                : needles.stream().filter(Needle::hit).count() / (double) needles.size();
    }

    /**
     * A planted event: frames [firstFrame, lastFrame] and grid rectangle [rowFrom, rowTo] x
     * [colFrom, colTo], all inclusive.
     */
    public record Event(
            int firstFrame, int lastFrame, int rowFrom, int rowTo, int colFrom, int colTo) {
        boolean contains(Token t) {
            return t.frame() >= firstFrame
                    && t.frame() <= lastFrame
                    && t.row() >= rowFrom
                    && t.row() <= rowTo
                    && t.col() >= colFrom
                    && t.col() <= colTo;
        }
    }

    /**
     * Event recall = share of events for which some kept token covers the event: at least minShare
     * of that token's provenance weight lies on original patches inside the event (on its frames
     * and in its rectangle). minShare = 0 counts any overlap; 0.5 asks for a token mostly about the
     * event, so that a single whole-frame token does not count as seeing a small object.
     *
     * @param original the chain's input tokens (positions of the provenance columns)
     * @param w the chain's composed provenance over original
     */
    public static double eventRecall(
            List<Token> original, Provenance w, List<Event> events, double minShare) {
        if (events.isEmpty()) {
            return 1.0;
        }
        int found = 0;
        for (Event e : events) {
            boolean seen = false;
            for (int r = 0; r < w.outputs() && !seen; r++) {
                int[] src = w.sources(r);
                float[] wt = w.weights(r);
                double inside = 0;
                double total = 0;
                for (int k = 0; k < src.length; k++) {
                    total += wt[k];
                    if (e.contains(original.get(src[k]))) {
                        inside += wt[k];
                    }
                }
                seen = inside > 0 && inside >= minShare * total;
            }
            if (seen) {
                found++;
            }
        }
        return found / (double) events.size();
    }
}
