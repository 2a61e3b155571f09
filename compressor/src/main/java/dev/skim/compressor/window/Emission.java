package dev.skim.compressor.window;

import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenBlock;

/** What the window stage emits for a closed window: token blocks and keyframes. */
public sealed interface Emission {

    /** A token block for skim.tokens. */
    record Block(TokenBlock block) implements Emission {}

    /** A keyframe for skim.keyframes. */
    record Key(Keyframe keyframe) implements Emission {}

    /** Whether this is a token block (else a keyframe). */
    default boolean isBlock() {
        return this instanceof Block;
    }

    /** The token block, or null for a keyframe. */
    default TokenBlock tokenBlock() {
        return this instanceof Block b ? b.block() : null;
    }

    /** The keyframe, or null for a token block. */
    default Keyframe keyframeOrNull() {
        return this instanceof Key k ? k.keyframe() : null;
    }
}
