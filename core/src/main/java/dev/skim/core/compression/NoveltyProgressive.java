package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * Temporal novelty, progressive: the training-free streaming form of PVC ("PVC: Progressive Visual
 * Token Compression for Unified Image and Video Processing in Large Vision-Language Models") and of
 * TimeChat-Online's Differential Token Drop.
 *
 * <p>Per frame t against the stream's memory M (unit vectors of what was emitted before): novelty
 * n_i = 1 - max_{u in M} cos(x_i, u).
 *
 * <ul>
 *   <li>Keyframe (empty memory, or a scene cut: mean_i n_i &gt; cut): emit {@code key} tokens: the
 *       coarse base tokens (grid pooling to at most {@code base} cells) plus the most diverse
 *       patches (greedy farthest point) up to {@code key}; memory is reset to what was emitted.
 *   <li>Otherwise, if no patch has n_i &gt; min the frame emits nothing (a repeated frame costs no
 *       tokens); else the base tokens plus the most novel patches with n_i &gt; min, up to {@code
 *       budget} in all, and the emitted vectors are appended to memory (oldest dropped beyond
 *       {@code memory} vectors; 0 = frame size + budget, enough for a static scene to converge).
 * </ul>
 *
 * <p>Scope {@code cell} replaces the global memory by one vector per grid cell (the last patch
 * emitted there) and compares each patch with its 3x3 neighbourhood only: O(9 N D) instead of O(N M
 * D), for static cameras; cells never emitted count as new but not towards the scene-cut mean, and
 * pooled base tokens do not enter it.
 *
 * <p>After a frame gate, budget and key are per frame the input stands for ({@link
 * OperatorContext#budget}): a kept frame spends the budget of the frames dropped before it.
 *
 * <p>Because memory holds what was emitted, a static scene fills in progressively (PVC's detail
 * supplement over repeated frames) until nothing is new. PVC's default budget is 64 tokens a frame.
 * Several frames in one input are processed in order. Output ordered by (frame, row, col).
 *
 * <p>State: vectors = memory (unit vectors; for scope cell one per cell, row-major, empty arrays
 * for cells without memory); counters = [frames seen, keyframes, mean novelty of the last frame in
 * millionths] (see {@link #lastNovelty}).
 */
public final class NoveltyProgressive extends DefinedOperator implements ProgressiveMemory {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("novelty", "PVC, TimeChat-Online DTD")
                    .summary(
                            "per frame: coarse base tokens plus the patches most novel against"
                                    + " what the stream emitted before; keyframes on a scene cut")
                    .example("novelty(64, base=16)")
                    .param(Param.ofInt("budget").atLeast("1"))
                    .param(
                            Param.ofInt("base")
                                    .computedAs("min(16, budget/4)")
                                    .between("0", "budget"))
                    .param(Param.ofInt("key").computedAs("budget").atLeast("1"))
                    .param(Param.ofFloat("cut").withDefault("0.5").between("0", "2"))
                    .param(Param.ofFloat("min").withDefault("0.05").between("0", "2"))
                    .param(
                            Param.ofInt("memory")
                                    .withDefault("0")
                                    .atLeast("0")
                                    .withNote("0 = frame size + budget"))
                    .param(
                            Param.ofWord("scope", "global", "cell")
                                    .withNote("cell: 3x3 neighbourhood memory, static cameras"))
                    .budget(
                            (a, in) ->
                                    in.frames() * Math.max(a.intValue("budget"), a.intValue("key")))
                    .factory(
                            a -> {
                                int budget = a.intValue("budget");
                                return new NoveltyProgressive(
                                        budget,
                                        a.intValue("base", Math.min(16, budget / 4)),
                                        a.intValue("key", budget),
                                        a.floatValue("cut"),
                                        a.floatValue("min"),
                                        a.intValue("memory"),
                                        a.word("scope").equals("cell"));
                            });

    private final int budget;
    private final int base;
    private final int key;
    private final float cut;
    private final float min;
    private final int memory;
    private final boolean cells;

    /**
     * @param budget tokens per ordinary frame, at least 1
     * @param base coarse pooled tokens per emitted frame, 0..budget
     * @param key tokens per keyframe, at least 1
     * @param cut mean novelty above which a frame is a scene cut, in [0, 2]
     * @param min novelty a patch needs to be emitted, in [0, 2]
     * @param memory global memory capacity in vectors; 0 = frame size + budget
     * @param cells compare each patch with the memory of its 3x3 cell neighbourhood only (static
     *     cameras, about 30x cheaper) instead of the whole memory
     */
    public NoveltyProgressive(
            int budget, int base, int key, float cut, float min, int memory, boolean cells) {
        super(DEFINITION.arguments(budget, base, key, cut, min, memory, cells ? "cell" : "global"));
        this.budget = budget;
        this.base = base;
        this.key = key;
        this.cut = cut;
        this.min = min;
        this.memory = memory;
        this.cells = cells;
    }

    /**
     * PVC defaults around a budget: base 16 (at most a quarter), key = budget, cut 0.5, min 0.05.
     */
    public NoveltyProgressive(int budget) {
        this(budget, Math.min(16, budget / 4), budget, 0.5f, 0.05f, 0, false);
    }

    /**
     * Mean novelty of the last frame this state saw, 0..1 (1 for the first frame); the same as
     * {@link #frameNovelty}, for callers that hold no operator.
     */
    public static float lastNovelty(OperatorState state) {
        return state.counter(2) / 1_000_000f;
    }

    @Override
    public float frameNovelty(OperatorState state) {
        return lastNovelty(state);
    }

    @Override
    public long keyframes(OperatorState state) {
        return state.counter(1);
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        OperatorState st = compatible(ctx.state(), in);
        NoveltyMemory mem =
                cells
                        ? NoveltyMemory.cells(st.vectors(), ctx.gridRows(), ctx.gridCols())
                        : NoveltyMemory.global(st.vectors(), memory, budget);
        long seen = st.counter(0);
        long keyframes = st.counter(1);
        long lastNovelty = st.counter(2);
        Provenance.Builder w = Provenance.builder(in.size());
        for (int[] idx : Groups.byFrame(in)) {
            List<Token> frame = Groups.pick(in, idx);
            float[][] units = VectorMath.units(frame);
            boolean[] known = new boolean[units.length];
            float[] novelty = mem.novelty(units, frame, known);
            double sum = 0;
            int counted = 0;
            for (int i = 0; i < novelty.length; i++) {
                if (known[i]) {
                    sum += novelty[i];
                    counted++;
                }
            }
            float mean = counted == 0 ? 1f : (float) (sum / counted);
            seen++;
            Compressed out;
            if (mem.isEmpty() || mean > cut) {
                keyframes++;
                mem.clear();
                out = keyframe(frame, UnitMatrix.ofUnits(units, units[0].length), ctx);
            } else {
                out = progressive(frame, novelty, ctx);
            }
            lastNovelty = Math.round(mean * 1e6);
            mem.remember(out, frame, units);
            Provenance p = out.provenance();
            for (int r = 0; r < p.outputs(); r++) {
                int[] src = p.sources(r);
                for (int j = 0; j < src.length; j++) {
                    src[j] = idx[src[j]];
                }
                w.add(src, p.weights(r));
            }
        }
        Compressed all = Groups.ordered(in, w.build());
        OperatorState next =
                new OperatorState(mem.vectors(), new long[] {seen, keyframes, lastNovelty});
        return new Compressed(all.tokens(), all.provenance(), next);
    }

    /**
     * Memory of another dimension (the encoder changed) is dropped: the next frame is a keyframe.
     */
    private static OperatorState compatible(OperatorState st, List<Token> in) {
        if (in.isEmpty()) {
            return st;
        }
        int dim = in.get(0).dim();
        for (float[] v : st.vectors()) {
            if (v.length != 0 && v.length != dim) {
                return OperatorState.EMPTY;
            }
        }
        return st;
    }

    private Compressed keyframe(List<Token> frame, UnitMatrix units, OperatorContext ctx) {
        int key = ctx.budget(this.key);
        Compressed pooled = basePool(frame, ctx, Math.min(base, key));
        int extra = Math.min(key - pooled.tokens().size(), frame.size());
        Provenance.Builder w = Provenance.builder(frame.size());
        copyRows(pooled.provenance(), w);
        if (extra > 0) {
            int[] picks =
                    FarthestPoint.run(units, FarthestPoint.farthestFromMean(units), extra, -1f)
                            .picked();
            for (int p : picks) {
                w.add(new int[] {p}, new float[] {1f});
            }
        }
        Provenance built = w.build();
        return new Compressed(built.apply(frame), built);
    }

    private Compressed progressive(List<Token> frame, float[] novelty, OperatorContext ctx) {
        int candidates = 0;
        for (float v : novelty) {
            if (v > min) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return Compressed.empty(frame.size());
        }
        Compressed pooled = basePool(frame, ctx, base);
        int extra = Math.min(ctx.budget(budget) - pooled.tokens().size(), candidates);
        Provenance.Builder w = Provenance.builder(frame.size());
        copyRows(pooled.provenance(), w);
        for (int p : VectorMath.topIndices(novelty, Math.max(0, extra))) {
            w.add(new int[] {p}, new float[] {1f});
        }
        Provenance built = w.build();
        return new Compressed(built.apply(frame), built);
    }

    /** Grid pooling with the smallest cell giving at most max tokens (none when max is 0). */
    private static Compressed basePool(List<Token> frame, OperatorContext ctx, int max) {
        if (max <= 0) {
            return Compressed.empty(frame.size());
        }
        int g = 1;
        while (cells(ctx.gridRows(), g) * cells(ctx.gridCols(), g) > max) {
            g++;
        }
        return new GridPool(g).apply(frame, ctx);
    }

    private static int cells(int n, int g) {
        return (n + g - 1) / g;
    }

    private static void copyRows(Provenance p, Provenance.Builder w) {
        for (int r = 0; r < p.outputs(); r++) {
            w.add(p.sources(r), p.weights(r));
        }
    }
}
