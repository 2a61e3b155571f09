package dev.skim.eval;

/**
 * Names one evaluated method.
 *
 * @param kind a chain or one of the two baselines
 * @param chain the chain template (for baselines: the chain they are matched to)
 * @param budget the budget the chain was run at, or null for a chain without {@code {B}}
 * @param spec the exact spec that ran (for baselines a description)
 */
public record MethodId(Kind kind, String chain, Integer budget, String spec) {

    /** What kind of method. */
    public enum Kind {
        /** A compression chain from --chain. */
        CHAIN,
        /** Baseline: uniform grid pooling of every frame to the chain's tokens per frame. */
        GRID_POOLING,
        /** Baseline: all tokens of every k-th frame, at the chain's total token count. */
        FRAME_SUBSAMPLING
    }

    /** A short label for tables and legends. */
    public String label() {
        return switch (kind) {
            case CHAIN -> spec;
            case GRID_POOLING -> "baseline: grid pooling";
            case FRAME_SUBSAMPLING -> "baseline: frame subsampling";
        };
    }
}
