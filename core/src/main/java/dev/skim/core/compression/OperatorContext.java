package dev.skim.core.compression;

import dev.skim.core.tokens.TokenGrid;

/**
 * What an operator may use besides the tokens: the encoder grid, optional per-token extras aligned
 * with the input list, an optional query, and this operator's per-stream state.
 *
 * @param gridRows encoder grid rows (positions are inside [0, gridRows))
 * @param gridCols encoder grid columns
 * @param attention CLS attention per input token (aligned with the input list), or null
 * @param pooled the encoder's pooled / CLS vector of the frame, or null
 * @param query a query vector in the tokens' space, or null (no shipped operator reads it: query
 *     recovery runs in the bridge, on tags, since no compressor has a question)
 * @param state this operator's per-stream state; {@link OperatorState#EMPTY} when none yet
 * @param weight frames the input stands for, at least 1: a frame gate ({@link FrameGate}) that
 *     dropped frames before this one passes their budget on to it, so budgeted operators after it
 *     keep {@link #budget budget(k)} = k x weight tokens (the saved budget goes to the frames that
 *     change)
 */
public record OperatorContext(
        int gridRows,
        int gridCols,
        float[] attention,
        float[] pooled,
        float[] query,
        OperatorState state,
        int weight) {

    public OperatorContext {
        if (gridRows < 1 || gridCols < 1) {
            throw new IllegalArgumentException(
                    "grid must be at least 1x1, was " + gridRows + "x" + gridCols);
        }
        state = state == null ? OperatorState.EMPTY : state;
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1, was " + weight);
        }
    }

    /** A context for an input that stands for itself only (weight 1). */
    public OperatorContext(
            int gridRows,
            int gridCols,
            float[] attention,
            float[] pooled,
            float[] query,
            OperatorState state) {
        this(gridRows, gridCols, attention, pooled, query, state, 1);
    }

    /** A context with only the grid shape. */
    public static OperatorContext of(int gridRows, int gridCols) {
        return new OperatorContext(gridRows, gridCols, null, null, null, OperatorState.EMPTY);
    }

    /** A context for one encoded frame: its grid shape, attention and pooled vector. */
    public static OperatorContext of(TokenGrid grid) {
        return new OperatorContext(
                grid.rows(),
                grid.cols(),
                grid.attention(),
                grid.pooled(),
                null,
                OperatorState.EMPTY);
    }

    public OperatorContext withState(OperatorState s) {
        return new OperatorContext(gridRows, gridCols, attention, pooled, query, s, weight);
    }

    public OperatorContext withAttention(float[] a) {
        return new OperatorContext(gridRows, gridCols, a, pooled, query, state, weight);
    }

    public OperatorContext withQuery(float[] q) {
        return new OperatorContext(gridRows, gridCols, attention, pooled, q, state, weight);
    }

    public OperatorContext withWeight(int w) {
        return new OperatorContext(gridRows, gridCols, attention, pooled, query, state, w);
    }

    /** A budget of k tokens per frame scaled by the frames the input stands for (k x weight). */
    public int budget(int k) {
        return (int) Math.min(Integer.MAX_VALUE, (long) k * weight);
    }
}
