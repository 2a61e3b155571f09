package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;
import java.util.Map;

/**
 * One compression step over plain tokens (DESIGN.md section 5).
 *
 * <p>Contract: {@link #apply} does not modify its input, is deterministic (same input, context and
 * state give the same output), keeps no hidden state (per-stream memory comes in through {@link
 * OperatorContext#state()} and goes out through {@link Compressed#state()}), and returns a
 * provenance with one row per output token and one column per input token. Implementations are
 * thread-safe because they are immutable.
 */
public interface TokenOperator {

    /** Compresses the tokens of one frame or one window. */
    Compressed apply(List<Token> in, OperatorContext ctx);

    /** The operator's name in a chain spec, for example {@code divprune}. */
    String name();

    /** Parameters as text, in declaration order, as a chain spec would give them. */
    Map<String, String> params();

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
