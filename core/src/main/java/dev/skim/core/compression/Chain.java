package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Operators applied in order (DESIGN.md section 5), with per-stream state passed in and out
 * explicitly.
 *
 * <p>Typical use in a stream processor, per frame:
 *
 * <pre>{@code
 * Chain chain = ChainSpec.parse("gate(0.02) > novelty(64, base=16) > divprune(64)");
 * ChainState state = store.get(streamId);             // null the first time
 * ChainResult r = chain.apply(grid.tokens(), OperatorContext.of(grid), state);
 * store.put(streamId, r.state());                      // ChainStateCodec for bytes
 * }</pre>
 *
 * <p>State written by a chain with a different spec is ignored (the chain starts fresh). Attention
 * in the context is carried through each operator's provenance (a' = W a) so an attention operator
 * need not come first. A frame gate's weight (the frames a kept frame stands for) goes to the
 * operators after it, which spend that many frames' budget ({@link OperatorContext#budget}).
 * Immutable and thread-safe.
 */
public final class Chain {
    /**
     * What the chain's first operator with {@link ProgressiveMemory} reports from a chain state.
     *
     * @param operator its index in the chain (its {@link ChainResult#stats()} say whether it saw
     *     the last frame: a gate before it may have dropped it)
     * @param frameNovelty mean novelty (0..1) of the last frame it saw
     * @param keyframes keyframes it has counted
     */
    public record Progress(int operator, float frameNovelty, long keyframes) {}

    private final List<TokenOperator> operators;
    private final String spec;
    private final int memory;

    public Chain(List<TokenOperator> operators) {
        this.operators = List.copyOf(operators);
        StringBuilder sb = new StringBuilder();
        for (TokenOperator op : this.operators) {
            if (sb.length() > 0) {
                sb.append(" > ");
            }
            sb.append(op.spec());
        }
        this.spec = sb.toString();
        int m = -1;
        for (int i = 0; i < this.operators.size() && m < 0; i++) {
            if (this.operators.get(i) instanceof ProgressiveMemory) {
                m = i;
            }
        }
        this.memory = m;
    }

    public static Chain of(TokenOperator... operators) {
        return new Chain(List.of(operators));
    }

    public List<TokenOperator> operators() {
        return operators;
    }

    /** Canonical spec text, for example {@code gate(threshold=0.02) > divprune(k=64)}. */
    public String spec() {
        return spec;
    }

    /** A fresh state for this chain. */
    public ChainState initialState() {
        return ChainState.initial(spec, operators.size());
    }

    /**
     * Applies every operator in order.
     *
     * @param in the tokens of one frame or window
     * @param ctx grid and extras for the first operator; its state is ignored
     * @param state this stream's chain state, or null for a fresh one
     */
    public ChainResult apply(List<Token> in, OperatorContext ctx, ChainState state) {
        ChainState current = state == null || !state.spec().equals(spec) ? initialState() : state;
        List<OperatorState> next = new ArrayList<>(operators.size());
        List<OperatorStats> stats = new ArrayList<>(operators.size());
        List<Token> tokens = in;
        Provenance total = Provenance.identity(in.size());
        OperatorContext c = ctx;
        for (int i = 0; i < operators.size(); i++) {
            TokenOperator op = operators.get(i);
            Compressed out = op.apply(tokens, c.withState(current.states().get(i)));
            stats.add(
                    new OperatorStats(op.name(), op.params(), tokens.size(), out.tokens().size()));
            next.add(out.state());
            total = total.then(out.provenance());
            if (c.attention() != null) {
                c = c.withAttention(out.provenance().applyScalar(c.attention()));
            }
            if (out.weight() > 0) {
                c = c.withWeight(out.weight());
            }
            tokens = out.tokens();
        }
        return new ChainResult(tokens, total, new ChainState(spec, next), stats);
    }

    /**
     * Mean novelty (0..1) of the last frame the chain's first {@link ProgressiveMemory} operator
     * saw, for TokenBlock frame references and timelines; empty when the chain has no such operator
     * or the state is not this chain's. A frame the gate dropped leaves the previous value.
     */
    public OptionalDouble lastNovelty(ChainState state) {
        return progress(state)
                .map(p -> OptionalDouble.of(p.frameNovelty()))
                .orElse(OptionalDouble.empty());
    }

    /**
     * Novelty and keyframes from the chain's first {@link ProgressiveMemory} operator; empty when
     * the chain has none or the state is not this chain's.
     */
    public Optional<Progress> progress(ChainState state) {
        if (memory < 0 || state == null || !state.spec().equals(spec)) {
            return Optional.empty();
        }
        ProgressiveMemory op = (ProgressiveMemory) operators.get(memory);
        OperatorState s = state.states().get(memory);
        return Optional.of(new Progress(memory, op.frameNovelty(s), op.keyframes(s)));
    }

    @Override
    public String toString() {
        return spec;
    }
}
