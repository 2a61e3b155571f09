package dev.skim.core.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-stream state of a whole chain: one {@link OperatorState} per operator, in chain order, tagged
 * with the chain's spec so that state written by a different chain is not misread. Plain data; see
 * {@link ChainStateCodec} for bytes.
 *
 * @param spec the spec text of the chain that wrote the state
 * @param states one state per operator of that chain
 */
public record ChainState(String spec, List<OperatorState> states) {
    public ChainState {
        Objects.requireNonNull(spec, "spec");
        states = List.copyOf(states);
    }

    /** Fresh state for a chain of n operators. */
    public static ChainState initial(String spec, int n) {
        List<OperatorState> s = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            s.add(OperatorState.EMPTY);
        }
        return new ChainState(spec, s);
    }
}
