package dev.skim.compressor.metrics;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.TokenBlock;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes for the compressor's sinks that report what goes on the wire: the exact bytes of every
 * token block (so bytes per frame is measured, not estimated) and every dead letter by stage.
 */
public final class MeasuredSerializer {

    private MeasuredSerializer() {}

    /** Token blocks, reported with their serialized size. */
    public static Serde<TokenBlock> tokenBlocks(Serde<TokenBlock> serde, CompressorMetrics m) {
        Serializer<TokenBlock> inner = serde.serializer();
        Serializer<TokenBlock> measured =
                (topic, block) -> {
                    byte[] bytes = inner.serialize(topic, block);
                    if (block != null && bytes != null) {
                        m.block(
                                block.getTier(),
                                block.getFrames().size(),
                                block.getGated().size(),
                                block.getTokensIn(),
                                block.getTokensOut(),
                                bytes.length);
                    }
                    return bytes;
                };
        return Serdes.serdeFrom(measured, serde.deserializer());
    }

    /** Dead letters, counted by stage. */
    public static Serde<DeadLetter> deadLetters(Serde<DeadLetter> serde, CompressorMetrics m) {
        Serializer<DeadLetter> inner = serde.serializer();
        Serializer<DeadLetter> measured =
                (topic, letter) -> {
                    if (letter != null) {
                        m.deadLetter(letter.getStage());
                    }
                    return inner.serialize(topic, letter);
                };
        return Serdes.serdeFrom(measured, serde.deserializer());
    }
}
