package dev.skim.bridge.memory;

import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Read access to one instance's token memory, as context building needs it. */
public interface MemoryView {

    /**
     * One tier's blocks of a stream that overlap [fromMillis, toMillis], in time order, at most
     * {@code limit}.
     */
    List<TokenBlock> blocks(Tier tier, String streamId, long fromMillis, long toMillis, int limit);

    /** The latest presentation time seen in the stream, if any block of it was. */
    default Optional<Long> lastPtsMillis(String streamId) {
        return Optional.empty();
    }

    /** The keyframe of a frame, if one is held. */
    Optional<Keyframe> keyframe(String streamId, long seq);

    /**
     * Visits the stream's held keyframes with presentation times in [fromMillis, toMillis], in seq
     * order, until {@code visit} returns false.
     */
    void keyframes(String streamId, long fromMillis, long toMillis, Predicate<Keyframe> visit);
}
