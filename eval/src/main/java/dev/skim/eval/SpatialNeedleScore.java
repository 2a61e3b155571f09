package dev.skim.eval;

import dev.skim.core.compression.Fidelity;
import dev.skim.core.compression.Provenance;
import dev.skim.core.compression.VectorMath;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Patch-level scores of the spatial needles (see {@link SpatialNeedle}). For a needle with frames F
 * (first frame f0) and cells C, with x(f, c) the encoder's token at cell c of frame f and cos the
 * metrics' cosine ({@link Centring}):
 *
 * <ul>
 *   <li><b>spatial recall@1</b>: each of the needle's own patch tokens x(f0, c), c in C, is a query
 *       against every token kept of the whole stream; the query hits when the closest kept token is
 *       of a frame in F and at least {@code share} of its provenance weight lies on cells in C (the
 *       event-recall rule: a token that pools the needle with more background than needle does not
 *       count). The needle's recall@1 is the share of its queries that hit. One query per patch
 *       rather than their mean: a mean is a blurred vector that a pooled token matches best,
 *       whatever the method kept of the needle itself.
 *   <li><b>patch coverage</b>: mean over F x C of the max cos(x(f, c), y) over the tokens y kept of
 *       the frames in F (0 when none is kept): 1 when the needle's own patches survive.
 * </ul>
 */
final class SpatialNeedleScore {
    private SpatialNeedleScore() {}

    /**
     * @param kept per frame, the tokens the method kept, already shifted by {@code space}
     * @param share minimum share of the top token's provenance weight on the needle's cells
     */
    static List<MethodResult.SpatialNeedleResult> score(
            EncodedVideo video,
            MethodRun run,
            List<List<Token>> kept,
            Centring space,
            double share) {
        List<MethodResult.SpatialNeedleResult> out = new ArrayList<>();
        if (video.spatialNeedles().isEmpty()) {
            return out;
        }
        Stored stored = new Stored(kept);
        for (SpatialNeedle n : video.spatialNeedles()) {
            out.add(score(video, run, kept, stored, space, share, n));
        }
        return out;
    }

    /** Every kept token of the stream: its frame, its row in that frame's output, its norm. */
    private static final class Stored {
        final List<Token> tokens = new ArrayList<>();
        final int[] frame;
        final int[] row;
        final float[] norm;

        Stored(List<List<Token>> kept) {
            for (List<Token> k : kept) {
                tokens.addAll(k);
            }
            frame = new int[tokens.size()];
            row = new int[tokens.size()];
            norm = new float[tokens.size()];
            int i = 0;
            for (int f = 0; f < kept.size(); f++) {
                for (int j = 0; j < kept.get(f).size(); j++, i++) {
                    frame[i] = f;
                    row[i] = j;
                    norm[i] = VectorMath.norm(tokens.get(i).vector());
                }
            }
        }

        /** Index of the token closest (cosine) to a query; -1 when nothing is stored. */
        int closest(float[] query) {
            float[] q = VectorMath.unit(query);
            int top = -1;
            float best = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < norm.length; i++) {
                float cos =
                        norm[i] == 0f ? 0f : VectorMath.dot(tokens.get(i).vector(), q) / norm[i];
                if (cos > best) {
                    best = cos;
                    top = i;
                }
            }
            return top;
        }
    }

    private static MethodResult.SpatialNeedleResult score(
            EncodedVideo video,
            MethodRun run,
            List<List<Token>> kept,
            Stored stored,
            Centring space,
            double share,
            SpatialNeedle n) {
        List<Token> patches = new ArrayList<>();
        List<Token> near = new ArrayList<>();
        for (int f : n.frames()) {
            for (int c : n.cells()) {
                patches.add(space.shift(video.frames().get(f).tokens().get(c)));
            }
            near.addAll(kept.get(f));
        }
        List<Token> first = patches.subList(0, n.cells().size());
        int[] hits =
                first.parallelStream()
                        .mapToInt(
                                p -> {
                                    int top = stored.closest(p.vector());
                                    if (top < 0 || !n.frames().contains(stored.frame[top])) {
                                        return 0;
                                    }
                                    double on =
                                            shareOn(
                                                    run.frames()
                                                            .get(stored.frame[top])
                                                            .provenance(),
                                                    stored.row[top],
                                                    n.cells());
                                    return on > 0 && on >= share ? 1 : 0;
                                })
                        .toArray();
        int hit = 0;
        for (int h : hits) {
            hit += h;
        }
        return new MethodResult.SpatialNeedleResult(
                n.id(),
                n.area(),
                n.length(),
                n.cells().size(),
                hit,
                hit / (double) n.cells().size(),
                Fidelity.coverage(patches, near));
    }

    /** Share of output row's provenance weight that lies on the given input cells. */
    static double shareOn(Provenance w, int row, List<Integer> cells) {
        Set<Integer> in = new HashSet<>(cells);
        int[] src = w.sources(row);
        float[] wt = w.weights(row);
        double inside = 0;
        double total = 0;
        for (int k = 0; k < src.length; k++) {
            total += wt[k];
            if (in.contains(src[k])) {
                inside += wt[k];
            }
        }
        return total == 0 ? 0.0 : inside / total;
    }

    /** Mean recall@1 and patch coverage of the needles of one area (and length, when not null). */
    static MethodResult.SpatialSummary summary(
            List<MethodResult.SpatialNeedleResult> results, int area, Integer length) {
        int count = 0;
        double recall = 0;
        double coverage = 0;
        for (MethodResult.SpatialNeedleResult r : results) {
            if (r.area() == area && (length == null || r.length() == length)) {
                count++;
                recall += r.recallAt1();
                coverage += r.patchCoverage();
            }
        }
        return new MethodResult.SpatialSummary(
                area,
                length,
                count,
                count == 0 ? null : recall / count,
                count == 0 ? null : coverage / count);
    }

    /** Summaries per area (both lengths together), then per kind (area x length). */
    static List<MethodResult.SpatialSummary> summaries(
            List<MethodResult.SpatialNeedleResult> results) {
        List<MethodResult.SpatialSummary> out = new ArrayList<>();
        for (int area : SpatialNeedlePlan.AREAS) {
            out.add(summary(results, area, null));
        }
        for (int area : SpatialNeedlePlan.AREAS) {
            for (int length : SpatialNeedlePlan.LENGTHS) {
                out.add(summary(results, area, length));
            }
        }
        return out;
    }
}
