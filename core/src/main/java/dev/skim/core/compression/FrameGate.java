package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frame gate, the streaming form of Spatial-MLLM's space-aware frame sampling and S5's surprise
 * signal: drop a frame that barely changed since the last kept frame, with a threshold that adapts
 * to the encoder and the stream.
 *
 * <p>Signal: each frame is pooled to at most {@code regions} x {@code regions} areas (span-weighted
 * means of its tokens; with {@code regions=1} the encoder's pooled vector when the input is one
 * frame and the context has one). The change between two frames is the largest 1 - cos over their
 * areas, so a person entering one corner counts even when the frame's mean hardly moves.
 *
 * <p>Keep frame t when any of: the stream has no kept frame yet (or its shape changed); change(t,
 * last kept) &gt; tau; {@code floor} frames have passed since the last kept one (a frame now and
 * then, even of a static scene). With {@code threshold} &gt; 0, tau = threshold (a fixed gate).
 * With {@code threshold=0} (adaptive, the default), tau = {@code factor} x the median change
 * between consecutive frames over the last {@value #HISTORY} frames: a static camera's sensor noise
 * and an encoder's typical drift set their own level, and a frame is kept when the change since the
 * last kept frame stands out from it; until {@value #WARMUP} changes are known every frame is kept.
 *
 * <p>A frame kept because it changed stands for itself and the frames dropped since the last kept
 * one ({@link Compressed#weight}); budgeted operators after the gate spend that many frames' budget
 * on it, so the budget saved on repeated frames goes to the frames that change. A frame kept only
 * by the floor stands for itself (a static camera costs one frame's budget in every floor frames).
 * Kept frames pass unchanged (one-hot W rows); dropped frames produce no rows. Put it first in a
 * chain: it costs O(N D).
 *
 * <p>State: vectors = [areas of the last kept frame, areas of the previous frame (both flattened),
 * recent consecutive changes]; counters = [frames seen, frames kept, frames dropped since the last
 * kept one, areas per frame].
 */
public final class FrameGate extends DefinedOperator {
    /** Consecutive changes the adaptive threshold is the median of. */
    static final int HISTORY = 32;

    /** Consecutive changes needed before the adaptive gate drops a frame. */
    static final int WARMUP = 4;

    /** Changes at or below this count as none (identical frames), whatever the median. */
    private static final float NO_CHANGE = 1e-6f;

    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("gate", "Spatial-MLLM, S5")
                    .summary(
                            "drops a frame whose largest area change (1 - cos) since the last kept"
                                    + " frame is at most factor x the stream's median"
                                    + " frame-to-frame change (or a fixed threshold); keeps one in"
                                    + " every floor frames; kept frames get the dropped frames'"
                                    + " budget")
                    .example("gate(factor=2, floor=8)")
                    .param(
                            Param.ofFloat("threshold")
                                    .withDefault("0")
                                    .between("0", "2")
                                    .withNote("0 = adaptive"))
                    .param(Param.ofFloat("factor").withDefault("2").between("1", "1000"))
                    .param(Param.ofInt("floor").withDefault("8").atLeast("1"))
                    .param(Param.ofInt("regions").withDefault("4").atLeast("1"))
                    .budget((a, in) -> in.tokens())
                    .factory(
                            a ->
                                    new FrameGate(
                                            a.floatValue("threshold"),
                                            a.floatValue("factor"),
                                            a.intValue("floor"),
                                            a.intValue("regions")));

    private final float threshold;
    private final float factor;
    private final int floor;
    private final int regions;

    /**
     * @param threshold fixed change (1 - cos) a frame must exceed to be kept, in [0, 2]; 0 =
     *     adaptive
     * @param factor adaptive: multiple of the median consecutive change a frame must exceed, &gt;=
     *     1
     * @param floor keep at least one frame in every floor frames, &gt;= 1
     * @param regions areas per side the change is measured on, &gt;= 1
     */
    public FrameGate(float threshold, float factor, int floor, int regions) {
        super(DEFINITION.arguments(threshold, factor, floor, regions));
        this.threshold = threshold;
        this.factor = factor;
        this.floor = floor;
        this.regions = regions;
    }

    /** A fixed gate, as {@code gate(threshold)}: 4 x 4 areas, at least one frame in 8 kept. */
    public FrameGate(float threshold) {
        this(threshold, 2f, 8, 4);
    }

    /** The adaptive gate with its defaults. */
    public static FrameGate adaptive() {
        return new FrameGate(0f, 2f, 8, 4);
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        Memory m = Memory.of(ctx.state());
        List<int[]> frames = Groups.byFrame(in);
        int[] keep = new int[in.size()];
        int count = 0;
        int weight = 1;
        float[] pooled = regions == 1 && frames.size() == 1 ? ctx.pooled() : null;
        for (int[] idx : frames) {
            float[] areas = pooled != null ? pooled : areas(in, idx, ctx);
            int n = pooled != null ? 1 : areaCount(ctx);
            if (m.offer(areas, n, this)) {
                weight = (int) m.weightOfKept;
                for (int i : idx) {
                    keep[count++] = i;
                }
            }
        }
        int[] picks = Arrays.copyOf(keep, count);
        Arrays.sort(picks);
        return new Compressed(
                Groups.pick(in, picks),
                Provenance.select(in.size(), picks),
                m.state(),
                frames.size() == 1 && count > 0 ? weight : 0);
    }

    /** The tau a frame must exceed, or NaN while the adaptive gate is still warming up. */
    private float tau(float[] history) {
        if (threshold > 0f) {
            return threshold;
        }
        if (history.length < WARMUP) {
            return Float.NaN;
        }
        float[] sorted = history.clone();
        Arrays.sort(sorted);
        int h = sorted.length;
        float median = h % 2 == 1 ? sorted[h / 2] : (sorted[h / 2 - 1] + sorted[h / 2]) / 2f;
        return Math.max(NO_CHANGE, factor * median);
    }

    /** The frame's areas, flattened row-major: the direction of each area's span-weighted sum. */
    private float[] areas(List<Token> in, int[] idx, OperatorContext ctx) {
        int dim = in.get(idx[0]).dim();
        int rr = Math.min(regions, ctx.gridRows());
        int rc = Math.min(regions, ctx.gridCols());
        float[][] sums = new float[rr * rc][dim];
        for (int i : idx) {
            Token t = in.get(i);
            int r = clamp((int) (t.row() * rr / ctx.gridRows()), rr);
            int c = clamp((int) (t.col() * rc / ctx.gridCols()), rc);
            VectorMath.addScaled(sums[r * rc + c], t.vector(), t.span());
        }
        float[] flat = new float[rr * rc * dim];
        for (int a = 0; a < sums.length; a++) {
            // unit areas: the change is then one dot product per area
            float norm = VectorMath.norm(sums[a]);
            float inv = norm > 0f ? 1f / norm : 0f;
            float[] sum = sums[a];
            int off = a * dim;
            for (int k = 0; k < dim; k++) {
                flat[off + k] = sum[k] * inv;
            }
        }
        return flat;
    }

    private int areaCount(OperatorContext ctx) {
        return Math.min(regions, ctx.gridRows()) * Math.min(regions, ctx.gridCols());
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    /**
     * The largest 1 - cos between corresponding areas of two flattened frames of the same shape;
     * infinite when their shapes differ. Areas are unit vectors (or zero: cosine 0), except the
     * encoder's pooled vector, which is normalised here.
     */
    private static float change(float[] a, float[] b, int areas) {
        if (a.length != b.length || areas < 1 || a.length % areas != 0) {
            return Float.POSITIVE_INFINITY;
        }
        if (areas == 1) {
            return 1f - VectorMath.cosine(a, b);
        }
        int dim = a.length / areas;
        float worst = 0f;
        for (int r = 0; r < areas; r++) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int k = r * dim;
            int end = k + dim;
            for (; k + 3 < end; k += 4) {
                s0 += a[k] * b[k];
                s1 += a[k + 1] * b[k + 1];
                s2 += a[k + 2] * b[k + 2];
                s3 += a[k + 3] * b[k + 3];
            }
            for (; k < end; k++) {
                s0 += a[k] * b[k];
            }
            worst = Math.max(worst, 1f - ((s0 + s1) + (s2 + s3)));
        }
        return worst;
    }

    /** The gate's per-stream memory, updated frame by frame. */
    private static final class Memory {
        float[] lastKept;
        float[] previous;
        final List<Float> history = new ArrayList<>();
        long seen;
        long kept;
        long dropped;
        long weightOfKept;
        long areas;

        static Memory of(OperatorState st) {
            Memory m = new Memory();
            List<float[]> v = st.vectors();
            m.lastKept = v.size() > 0 && v.get(0).length > 0 ? v.get(0) : null;
            m.previous = v.size() > 1 && v.get(1).length > 0 ? v.get(1) : null;
            if (v.size() > 2) {
                for (float c : v.get(2)) {
                    m.history.add(c);
                }
            }
            m.seen = st.counter(0);
            m.kept = st.counter(1);
            m.dropped = st.counter(2);
            m.areas = st.counter(3);
            return m;
        }

        /** Whether the gate keeps a frame with these areas; updates the memory either way. */
        boolean offer(float[] frame, int n, FrameGate gate) {
            seen++;
            boolean sameShape = n == areas;
            if (!sameShape) {
                lastKept = null;
                previous = null;
                history.clear();
                areas = n;
            }
            float tau = gate.tau(history());
            if (previous != null) {
                history.add(change(frame, previous, n));
                if (history.size() > HISTORY) {
                    history.remove(0);
                }
            }
            previous = frame;
            boolean changed =
                    lastKept == null || Float.isNaN(tau) || change(frame, lastKept, n) > tau;
            boolean keep = changed || dropped + 1 >= gate.floor;
            if (keep) {
                // the dropped frames' budget goes to a frame that changed, not to a floor frame
                weightOfKept = changed ? dropped + 1 : 1;
                lastKept = frame;
                kept++;
                dropped = 0;
            } else {
                dropped++;
            }
            return keep;
        }

        float[] history() {
            float[] h = new float[history.size()];
            for (int i = 0; i < h.length; i++) {
                h[i] = history.get(i);
            }
            return h;
        }

        OperatorState state() {
            if (lastKept == null) {
                return new OperatorState(List.of(), new long[] {seen, kept, dropped, areas});
            }
            return new OperatorState(
                    List.of(lastKept, previous, history()),
                    new long[] {seen, kept, dropped, areas});
        }
    }
}
