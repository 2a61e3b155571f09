package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The memory progressive novelty compares a frame against, in one of two scopes. Global: a list of
 * the unit vectors emitted before (capped, oldest dropped); n_i = 1 - max over all of them, robust
 * to camera motion, O(N M D). Cell: one unit vector per grid cell (the last patch emitted there);
 * n_i = 1 - max over the 3 x 3 cells around token i, for static cameras, O(9 N D). Cells never
 * emitted count towards the scene-cut mean only once emitted; with no memory in the whole
 * neighbourhood a patch has novelty 1.
 */
abstract class NoveltyMemory {
    /** Memory vectors per similarity kernel call. */
    private static final int BLOCK = 16;

    /**
     * Novelty of every token of a frame; known[i] says whether it counts for the scene-cut mean.
     */
    abstract float[] novelty(float[][] units, List<Token> frame, boolean[] known);

    abstract boolean isEmpty();

    abstract void clear();

    /** Records what a frame emitted: out's rows over frame. */
    abstract void remember(Compressed out, List<Token> frame, float[][] units);

    /** The memory as plain vectors for {@link OperatorState}. */
    abstract List<float[]> vectors();

    /** cap = 0: frame size + budget, enough for a static scene to converge. */
    static NoveltyMemory global(List<float[]> vectors, int cap, int budget) {
        return new Global(vectors, cap, budget);
    }

    static NoveltyMemory cells(List<float[]> vectors, int rows, int cols) {
        return new Cells(vectors, rows, cols);
    }

    private static final class Global extends NoveltyMemory {
        private final List<float[]> mem;
        private final int cap;
        private final int budget;

        Global(List<float[]> vectors, int cap, int budget) {
            this.mem = new ArrayList<>(vectors);
            this.cap = cap;
            this.budget = budget;
        }

        @Override
        float[] novelty(float[][] units, List<Token> frame, boolean[] known) {
            int n = units.length;
            float[] best = new float[n];
            Arrays.fill(known, !mem.isEmpty());
            if (mem.isEmpty()) {
                Arrays.fill(best, 1f);
                return best;
            }
            UnitMatrix m = UnitMatrix.ofUnits(units, units[0].length);
            Arrays.fill(best, -1f);
            float[][] queries = mem.toArray(new float[0][]);
            float[][] sims = m.block(Math.min(BLOCK, queries.length));
            for (int q0 = 0; q0 < queries.length; q0 += sims.length) {
                int q1 = Math.min(queries.length, q0 + sims.length);
                m.similarities(queries, q0, q1, sims);
                for (int r = 0; r < q1 - q0; r++) {
                    float[] s = sims[r];
                    for (int i = 0; i < n; i++) {
                        // max of the same values in any order: as the one-at-a-time scan was
                        best[i] = Math.max(best[i], s[i]);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                best[i] = Math.max(0f, 1f - best[i]);
            }
            return best;
        }

        @Override
        boolean isEmpty() {
            return mem.isEmpty();
        }

        @Override
        void clear() {
            mem.clear();
        }

        @Override
        void remember(Compressed out, List<Token> frame, float[][] units) {
            for (Token t : out.tokens()) {
                mem.add(VectorMath.unit(t.vector()));
            }
            int limit = cap > 0 ? cap : frame.size() + budget;
            if (mem.size() > limit) {
                mem.subList(0, mem.size() - limit).clear();
            }
        }

        @Override
        List<float[]> vectors() {
            return mem;
        }
    }

    private static final class Cells extends NoveltyMemory {
        private static final float[] NONE = new float[0];
        private final int rows;
        private final int cols;
        private final float[][] cell;

        Cells(List<float[]> vectors, int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.cell = new float[rows * cols][];
            boolean fits = vectors.size() == rows * cols;
            for (int i = 0; i < cell.length; i++) {
                cell[i] = fits ? vectors.get(i) : NONE;
            }
        }

        @Override
        float[] novelty(float[][] units, List<Token> frame, boolean[] known) {
            float[] n = new float[units.length];
            for (int i = 0; i < units.length; i++) {
                int r = clamp(Math.round(frame.get(i).row()), rows);
                int c = clamp(Math.round(frame.get(i).col()), cols);
                float best = -2f;
                for (int rr = Math.max(0, r - 1); rr <= Math.min(rows - 1, r + 1); rr++) {
                    for (int cc = Math.max(0, c - 1); cc <= Math.min(cols - 1, c + 1); cc++) {
                        float[] m = cell[rr * cols + cc];
                        if (m.length > 0) {
                            best = Math.max(best, VectorMath.dot(units[i], m));
                        }
                    }
                }
                known[i] = cell[r * cols + c].length > 0;
                n[i] = best > -2f ? Math.max(0f, 1f - best) : 1f;
            }
            return n;
        }

        @Override
        boolean isEmpty() {
            for (float[] m : cell) {
                if (m.length > 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void clear() {
            Arrays.fill(cell, NONE);
        }

        /**
         * Single-patch rows (kept patches) take their cell; pooled base tokens are context only.
         */
        @Override
        void remember(Compressed out, List<Token> frame, float[][] units) {
            Provenance p = out.provenance();
            for (int r = 0; r < p.outputs(); r++) {
                int[] src = p.sources(r);
                if (src.length == 1) {
                    Token t = frame.get(src[0]);
                    int rr = clamp(Math.round(t.row()), rows);
                    int cc = clamp(Math.round(t.col()), cols);
                    cell[rr * cols + cc] = units[src[0]];
                }
            }
        }

        @Override
        List<float[]> vectors() {
            return Arrays.asList(cell);
        }

        private static int clamp(int v, int n) {
            return Math.max(0, Math.min(n - 1, v));
        }
    }
}
