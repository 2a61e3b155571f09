package dev.skim.core.compression;

import java.util.List;

/**
 * Per-stream memory of one stateful operator, as plain data so the topology can keep it in a state
 * store (see {@link ChainStateCodec}): a list of vectors and a few counters whose meaning each
 * operator documents. Stateless operators get and return {@link #EMPTY}.
 *
 * @param vectors memory vectors (for example the tokens emitted for the previous frame)
 * @param counters operator-specific counters (for example frames seen)
 */
public record OperatorState(List<float[]> vectors, long[] counters) {
    public static final OperatorState EMPTY = new OperatorState(List.of(), new long[0]);

    public OperatorState {
        vectors = List.copyOf(vectors);
        counters = counters.clone();
    }

    public boolean isEmpty() {
        return vectors.isEmpty() && counters.length == 0;
    }

    /** Counter i, or 0 when there are fewer counters. */
    public long counter(int i) {
        return i < counters.length ? counters[i] : 0L;
    }

    @Override
    public long[] counters() {
        return counters.clone();
    }
}
