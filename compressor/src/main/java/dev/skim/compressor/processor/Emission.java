package dev.skim.compressor.processor;

import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenBlock;

/** What the window stage emits for a closed window: token blocks and keyframes. */
public sealed interface Emission {

    /** A token block for skim.tokens. */
    record Block(TokenBlock block) implements Emission {}

    /** A keyframe for skim.keyframes. */
    record Key(Keyframe keyframe) implements Emission {}
}
