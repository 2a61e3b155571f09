package dev.skim.compressor.topology;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.metrics.MeasuredSerializer;
import dev.skim.compressor.processor.CompressProcessor;
import dev.skim.compressor.processor.CompressedFrame;
import dev.skim.compressor.processor.DecodeProcessor;
import dev.skim.compressor.processor.DecodedFrame;
import dev.skim.compressor.processor.Emission;
import dev.skim.compressor.processor.EncodeProcessor;
import dev.skim.compressor.processor.EncodedFrame;
import dev.skim.compressor.processor.Outcome;
import dev.skim.compressor.processor.WindowProcessor;
import dev.skim.compressor.window.BlockAssembler;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.Thumbnails;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.core.compression.Chain;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.tokens.Precision;
import dev.skim.schemas.Topics;
import java.time.Duration;
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
 *   <li>decode: bytes to Avro {@code Frame} to RGB pixels (JPEGs at the smallest DCT scale that
 *       still covers the encoder's input and the keyframe size);
 *   <li>encode: pixels to patch tokens ({@link FrameEncoder}, micro-batched across stream threads
 *       when it is a {@code BatchingFrameEncoder});
 *   <li>compress: the FAST operator {@link Chain} per frame with per-stream progressive state;
 *   <li>slow-fast window: frames grouped by event time; a closed window emits FAST blocks (every
 *       frame, small budget, dropped frames listed as gated), SLOW blocks (the policy's frames
 *       through the SLOW chain, large budget) and keyframes; late frames become dead letters;
 *   <li>route: token blocks to {@code skim.tokens}, keyframes to {@code skim.keyframes}, every
 *       failure to {@code skim.frames.dlq}.
 * </ol>
 *
 * Every stage passes a failed record through unchanged, so one split at the end routes all
 * failures, whatever stage they come from, in the same transaction as the output. All state is in
 * named, changelogged stores; every processor and sink is named ({@link Names}).
 */
public final class CompressorTopology {

    /**
     * Settings of the topology besides the encoder and the chains.
     *
     * @param precision how token vectors go on the wire
     * @param maxPixels largest frame (width x height) accepted
     * @param maxRecordBytes largest token block; larger windows are split
     * @param windowing window length, grace, idle flush and slow-frame policy
     * @param keyframeMaxSide longest side of a keyframe JPEG
     * @param keyframeQuality JPEG quality of keyframes
     * @param quarantine when a record that was in flight at abnormal exits is dead-lettered
     * @param metrics where the topology reports
     */
    public record Settings(
            Precision precision,
            long maxPixels,
            int maxRecordBytes,
            WindowProcessor.Windowing windowing,
            int keyframeMaxSide,
            float keyframeQuality,
            DecodeProcessor.Quarantine quarantine,
            CompressorMetrics metrics) {

        /** FP16, 2 s windows with 1 s grace, the most novel frame as slow frame, no metrics. */
        public static Settings defaults() {
            return new Settings(
                    Precision.FP16,
                    4096L * 4096L,
                    900_000,
                    new WindowProcessor.Windowing(
                            new WindowSpec.ByTime(2000, 1000),
                            Duration.ofSeconds(10),
                            SlowPolicy.MOST_NOVEL,
                            1,
                            0.25f),
                    320,
                    0.7f,
                    DecodeProcessor.Quarantine.DEFAULT,
                    CompressorMetrics.NONE);
        }

        public Settings withWindowing(WindowProcessor.Windowing w) {
            return new Settings(
                    precision,
                    maxPixels,
                    maxRecordBytes,
                    w,
                    keyframeMaxSide,
                    keyframeQuality,
                    quarantine,
                    metrics);
        }

        public Settings withMetrics(CompressorMetrics m) {
            return new Settings(
                    precision,
                    maxPixels,
                    maxRecordBytes,
                    windowing,
                    keyframeMaxSide,
                    keyframeQuality,
                    quarantine,
                    m);
        }

        public Settings withQuarantine(DecodeProcessor.Quarantine q) {
            return new Settings(
                    precision,
                    maxPixels,
                    maxRecordBytes,
                    windowing,
                    keyframeMaxSide,
                    keyframeQuality,
                    q,
                    metrics);
        }

        public Settings withMaxRecordBytes(int bytes) {
            return new Settings(
                    precision,
                    maxPixels,
                    bytes,
                    windowing,
                    keyframeMaxSide,
                    keyframeQuality,
                    quarantine,
                    metrics);
        }
    }

    private CompressorTopology() {}

    /**
     * Builds the topology.
     *
     * @param fastChain the chain for every frame (FAST tier)
     * @param slowChain the chain for slow frames (SLOW tier)
     * @throws IllegalArgumentException when one frame could not fit in a record
     */
    public static Topology build(
            Topics topics,
            FrameEncoder encoder,
            Chain fastChain,
            Chain slowChain,
            Settings settings) {
        CompressorMetrics metrics = settings.metrics();
        BlockAssembler assembler =
                new BlockAssembler(
                        new BlockAssembler.EncoderInfo(
                                encoder.id(), encoder.rows(), encoder.cols(), encoder.dim()),
                        settings.precision(),
                        settings.maxRecordBytes());
        Thumbnails thumbnails =
                new Thumbnails(settings.keyframeMaxSide(), settings.keyframeQuality());
        WindowProcessor.Stores stores =
                new WindowProcessor.Stores(
                        Names.WINDOW_STATE_STORE,
                        Names.WINDOW_FRAMES_STORE,
                        Names.SLOW_FRAMES_STORE,
                        Names.SLOW_CHAIN_STATE_STORE);

        StreamsBuilder builder = new StreamsBuilder();
        for (String store :
                new String[] {
                    Names.CHAIN_STATE_STORE,
                    Names.WINDOW_STATE_STORE,
                    Names.WINDOW_FRAMES_STORE,
                    Names.SLOW_FRAMES_STORE,
                    Names.SLOW_CHAIN_STATE_STORE
                }) {
            // cached: a key written many times between two commits (a stream's window and chain
            // state, once a frame) reaches RocksDB and the changelog once per commit
            builder.addStateStore(
                    Stores.keyValueStoreBuilder(
                                    Stores.persistentKeyValueStore(store),
                                    Serdes.String(),
                                    Serdes.ByteArray())
                            .withCachingEnabled());
        }

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
                                        settings.maxPixels(),
                                        encoder.inputSide(),
                                        settings.keyframeMaxSide(),
                                        settings.quarantine(),
                                        metrics),
                        Named.as(Names.DECODE));

        KStream<String, Outcome<EncodedFrame>> encoded =
                decoded.processValues(
                        () -> new EncodeProcessor(encoder, metrics), Named.as(Names.ENCODE));

        KStream<String, Outcome<CompressedFrame>> compressed =
                encoded.processValues(
                        () -> new CompressProcessor(fastChain, Names.CHAIN_STATE_STORE, metrics),
                        Named.as(Names.COMPRESS),
                        Names.CHAIN_STATE_STORE);

        KStream<String, Outcome<Emission>> windowed =
                compressed.process(
                        () ->
                                new WindowProcessor(
                                        settings.windowing(),
                                        fastChain,
                                        slowChain,
                                        assembler,
                                        thumbnails,
                                        stores,
                                        metrics),
                        Named.as(Names.WINDOW),
                        Names.WINDOW_STATE_STORE,
                        Names.WINDOW_FRAMES_STORE,
                        Names.SLOW_FRAMES_STORE,
                        Names.SLOW_CHAIN_STATE_STORE);

        Map<String, KStream<String, Outcome<Emission>>> routes =
                windowed.split(Named.as(Names.SPLIT))
                        .branch((k, v) -> v instanceof Outcome.Failed, Branched.as(Names.FAILED))
                        .branch(
                                (k, v) ->
                                        ((Outcome.Ok<Emission>) v).value()
                                                instanceof Emission.Block,
                                Branched.as(Names.BLOCKS))
                        .defaultBranch(Branched.as(Names.KEYFRAMES));

        routes.get(Names.SPLIT + Names.FAILED)
                .mapValues(
                        v -> ((Outcome.Failed<Emission>) v).deadLetter(),
                        Named.as(Names.TO_DEAD_LETTER))
                .to(
                        topics.deadLetters().name(),
                        Produced.<String, DeadLetter>with(
                                        topics.deadLetters().keySerde(),
                                        MeasuredSerializer.deadLetters(
                                                topics.deadLetters().valueSerde(), metrics))
                                .withName(Names.DEAD_LETTER_SINK));

        routes.get(Names.SPLIT + Names.BLOCKS)
                .mapValues(
                        v -> ((Emission.Block) ((Outcome.Ok<Emission>) v).value()).block(),
                        Named.as(Names.TO_TOKEN_BLOCK))
                .to(
                        topics.tokens().name(),
                        Produced.<String, TokenBlock>with(
                                        topics.tokens().keySerde(),
                                        MeasuredSerializer.tokenBlocks(
                                                topics.tokens().valueSerde(), metrics))
                                .withName(Names.TOKENS_SINK));

        routes.get(Names.SPLIT + Names.KEYFRAMES)
                .mapValues(
                        v -> ((Emission.Key) ((Outcome.Ok<Emission>) v).value()).keyframe(),
                        Named.as(Names.TO_KEYFRAME))
                .to(
                        topics.keyframes().name(),
                        Produced.<String, Keyframe>with(
                                        topics.keyframes().keySerde(),
                                        topics.keyframes().valueSerde())
                                .withName(Names.KEYFRAMES_SINK));

        return builder.build();
    }
}
