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
 * @param query a query vector in the tokens' space (query recovery), or null
 * @param state this operator's per-stream state; {@link OperatorState#EMPTY} when none yet
 */
public record OperatorContext(
        int gridRows,
        int gridCols,
        float[] attention,
        float[] pooled,
        float[] query,
        OperatorState state) {

    public OperatorContext {
        if (gridRows < 1 || gridCols < 1) {
            throw new IllegalArgumentException(
                    "grid must be at least 1x1, was " + gridRows + "x" + gridCols);
        }
        state = state == null ? OperatorState.EMPTY : state;
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
        return new OperatorContext(gridRows, gridCols, attention, pooled, query, s);
    }

    public OperatorContext withAttention(float[] a) {
        return new OperatorContext(gridRows, gridCols, a, pooled, query, state);
    }

    public OperatorContext withQuery(float[] q) {
        return new OperatorContext(gridRows, gridCols, attention, pooled, q, state);
    }
}
