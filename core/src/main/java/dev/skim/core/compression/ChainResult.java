package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * A chain's output for one call.
 *
 * @param tokens output tokens
 * @param provenance the composed W of the whole chain (outputs x chain inputs)
 * @param state the chain's next per-stream state, to store for the stream
 * @param stats tokens in and out of every operator, in chain order
 */
public record ChainResult(
        List<Token> tokens, Provenance provenance, ChainState state, List<OperatorStats> stats) {
    public ChainResult {
        tokens = List.copyOf(tokens);
        stats = List.copyOf(stats);
    }
}
