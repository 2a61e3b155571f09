package dev.skim.compressor.topology;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.processor.CompressProcessor;
import dev.skim.compressor.processor.DecodeProcessor;
import dev.skim.compressor.processor.DecodedFrame;
import dev.skim.compressor.processor.EncodeProcessor;
import dev.skim.compressor.processor.EncodedFrame;
import dev.skim.compressor.processor.Outcome;
import dev.skim.compressor.processor.TokenBlockMapper;
import dev.skim.core.compression.Chain;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.tokens.Precision;
import dev.skim.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The compressor topology (DESIGN.md section 4), top to bottom:
 *
 * <ol>
 *   <li>read raw frame records from {@code skim.frames};
 *   <li>decode: bytes to Avro {@code Frame} to RGB pixels;
 *   <li>encode: pixels to patch tokens ({@link FrameEncoder});
 *   <li>compress: the operator {@link Chain} with per-stream state;
 *   <li>route: token blocks to {@code skim.tokens}, every failure to {@code skim.frames.dlq}.
 * </ol>
 *
 * Every stage passes a failed record through unchanged, so one split at the end routes all
 * failures, whatever stage they come from, in the same transaction as the output.
 */
public final class CompressorTopology {

    /**
     * Settings of the topology that are not the encoder or the chain.
     *
     * @param precision how token vectors go on the wire
     * @param maxPixels largest frame (width x height) accepted
     */
    public record Settings(Precision precision, long maxPixels) {
        public static Settings defaults() {
            return new Settings(Precision.FP16, 4096L * 4096L);
        }
    }

    private CompressorTopology() {}

    public static Topology build(
            Topics topics, FrameEncoder encoder, Chain chain, Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Names.CHAIN_STATE_STORE),
                        Serdes.String(),
                        Serdes.ByteArray()));

        KStream<String, byte[]> frames =
                builder.stream(
                        topics.frames().name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray())
                                .withName(Names.FRAMES_SOURCE));

        KStream<String, Outcome<DecodedFrame>> decoded =
                frames.processValues(
                        () ->
                                new DecodeProcessor(
                                        topics.frames().valueSerde().deserializer(),
                                        settings.maxPixels()),
                        Named.as(Names.DECODE));

        KStream<String, Outcome<EncodedFrame>> encoded =
                decoded.processValues(() -> new EncodeProcessor(encoder), Named.as(Names.ENCODE));

        TokenBlockMapper blocks = new TokenBlockMapper(settings.precision());
        KStream<String, Outcome<TokenBlock>> compressed =
                encoded.processValues(
                        () -> new CompressProcessor(chain, blocks, Names.CHAIN_STATE_STORE),
                        Named.as(Names.COMPRESS),
                        Names.CHAIN_STATE_STORE);

        Map<String, KStream<String, Outcome<TokenBlock>>> routes =
                compressed
                        .split(Named.as(Names.SPLIT))
                        .branch((k, v) -> v instanceof Outcome.Failed, Branched.as(Names.FAILED))
                        .defaultBranch(Branched.as(Names.OK));

        routes.get(Names.SPLIT + Names.FAILED)
                .mapValues(
                        v -> ((Outcome.Failed<TokenBlock>) v).deadLetter(),
                        Named.as(Names.TO_DEAD_LETTER))
                .to(
                        topics.deadLetters().name(),
                        Produced.<String, DeadLetter>with(
                                        topics.deadLetters().keySerde(),
                                        topics.deadLetters().valueSerde())
                                .withName(Names.DEAD_LETTER_SINK));

        routes.get(Names.SPLIT + Names.OK)
                .mapValues(
                        v -> ((Outcome.Ok<TokenBlock>) v).value(), Named.as(Names.TO_TOKEN_BLOCK))
                .to(
                        topics.tokens().name(),
                        Produced.with(topics.tokens().keySerde(), topics.tokens().valueSerde())
                                .withName(Names.TOKENS_SINK));

        return builder.build();
    }
}
