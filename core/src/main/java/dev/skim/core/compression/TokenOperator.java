package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;
import java.util.Map;

/**
 * One compression step over plain tokens (DESIGN.md section 5).
 *
 * <p>Contract: {@link #apply} does not modify its input, is deterministic (same input, context and
 * state give the same output), keeps no hidden state (per-stream memory comes in through {@link
 * OperatorContext#state()} and goes out through {@link Compressed#state()}), returns a provenance
 * with one row per output token and one column per input token, and returns at most {@link
 * OperatorDefinition#maxTokens} tokens. Implementations are thread-safe because they are immutable.
 *
 * <p>An operator is one class that declares its {@link OperatorDefinition} (name, parameters with
 * defaults and bounds, paper, factory) and keeps the {@link Arguments} it was built with; its name,
 * parameters and spec text come from them. {@link OperatorRegistry} lists the definitions that a
 * chain spec can name.
 */
public interface TokenOperator {

    /** Compresses the tokens of one frame or one window. */
    Compressed apply(List<Token> in, OperatorContext ctx);

    /** The checked parameter values this operator was built with, and its definition. */
    Arguments arguments();

    /** The operator's name in a chain spec, for example {@code divprune}. */
    default String name() {
        return arguments().definition().name();
    }

    /** Parameters as text, in declaration order, as a chain spec would give them. */
    default Map<String, String> params() {
        return arguments().values();
    }

    /** The spec text of this operator, for example {@code divprune(k=64)}. */
    default String spec() {
        StringBuilder sb = new StringBuilder(name()).append('(');
        boolean first = true;
        for (Map.Entry<String, String> e : params().entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return sb.append(')').toString();
    }
}
