package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;
import java.util.Objects;

/**
 * An operator's result: the output tokens, the matrix W that maps inputs to them, and the
 * operator's next per-stream state.
 *
 * @param tokens output tokens, ordered by (frame, row, col) unless the operator says otherwise
 * @param provenance W with one row per output token and one column per input token
 * @param state the state to keep for the next call ({@link OperatorState#EMPTY} when stateless)
 * @param weight frames the output stands for, set by an operator that drops whole frames (a frame
 *     gate: 1 + the frames it dropped before this one), or 0 when the operator leaves it as it was
 */
public record Compressed(
        List<Token> tokens, Provenance provenance, OperatorState state, int weight) {
    public Compressed {
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(provenance, "provenance");
        state = state == null ? OperatorState.EMPTY : state;
        if (provenance.outputs() != tokens.size()) {
            throw new IllegalArgumentException(
                    "provenance has "
                            + provenance.outputs()
                            + " rows for "
                            + tokens.size()
                            + " tokens");
        }
    }

    public Compressed(List<Token> tokens, Provenance provenance, OperatorState state) {
        this(tokens, provenance, state, 0);
    }

    public Compressed(List<Token> tokens, Provenance provenance) {
        this(tokens, provenance, OperatorState.EMPTY);
    }

    /** No output tokens for an input of n tokens (stateless). */
    public static Compressed empty(int inputs) {
        return new Compressed(List.of(), Provenance.empty(inputs));
    }
}
