package dev.skim.bridge.memory;

import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenBlock;
import dev.skim.core.tokens.Precision;

/**
 * What the memory and the queries rely on in a decoded record, checked before it is stored: the
 * record key is the stream id (the key decides the partition, and so the instance that holds and
 * answers for the stream), and vectors that decode as the context builder and the embedding
 * backends decode them.
 */
final class RecordChecks {
    private RecordChecks() {}

    static void tokenBlock(String key, TokenBlock b) {
        streamId(key, b.getStreamId(), "block");
        Precision precision = Precision.valueOf(b.getVectors().getPrecision().name());
        long tokens = b.getTokens().size();
        long expected = tokens * b.getDim() * precision.bytesPerValue();
        int bytes = b.getVectors().getData().remaining();
        if (bytes != expected) {
            throw new IllegalArgumentException(
                    tokens
                            + " tokens x "
                            + b.getDim()
                            + " "
                            + precision
                            + " need "
                            + expected
                            + " vector bytes, the block has "
                            + bytes);
        }
        int scales = b.getVectors().getScales().size();
        if (precision == Precision.INT8 && scales != tokens) {
            throw new IllegalArgumentException(
                    "INT8 needs one scale per token: " + tokens + ", the block has " + scales);
        }
    }

    static void keyframe(String key, Keyframe k) {
        streamId(key, k.getStreamId(), "keyframe");
    }

    private static void streamId(String key, String streamId, String what) {
        if (streamId.isBlank()) {
            throw new IllegalArgumentException("the " + what + " has a blank streamId");
        }
        if (!streamId.equals(key)) {
            throw new IllegalArgumentException(
                    "the record key '"
                            + key
                            + "' is not the "
                            + what
                            + "'s streamId '"
                            + streamId
                            + "'");
        }
    }
}
