package dev.skim.compressor.topology;

import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.metrics.MeasuredSerializer;
import dev.skim.compressor.processor.CompressProcessor;
import dev.skim.compressor.processor.DecodeProcessor;
import dev.skim.compressor.processor.EncodeProcessor;
import dev.skim.compressor.processor.Outcome;
import dev.skim.compressor.tagging.Tagging;
import dev.skim.compressor.window.BlockAssembler;
import dev.skim.compressor.window.Emission;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.Thumbnails;
import dev.skim.compressor.window.WindowProcessor;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.compressor.window.Windowing;
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

/**
 * The compressor topology (DESIGN.md section 4), top to bottom:
 *
 * <ol>
 *   <li>read raw frame records from {@code skim.frames};
 *   <li>decode: bytes to Avro {@code Frame} to RGB pixels (JPEGs at the smallest DCT scale that
 *       still covers the encoder's input and the keyframe size);
 *   <li>encode: pixels to patch tokens ({@link FrameEncoder}, micro-batched across stream threads
 *       when it is a {@code BatchingFrameEncoder});
 *   <li>compress: the frame's one FRAME-tier token from its full grid, then the FAST operator
 *       {@link Chain} per frame with per-stream progressive state;
 *   <li>slow-fast window: frames grouped by event time; a closed window emits FAST blocks (every
 *       frame, small budget, dropped frames listed as gated), SLOW blocks (the policy's frames
 *       through the SLOW chain, large budget), FRAME blocks (one token for every frame, gated ones
 *       included) and keyframes; late frames become dead letters;
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
     * @param frameTier whether to emit the FRAME tier (one token for every frame)
     * @param tagging the taggers of slow frames ({@link Tagging#OFF}: none)
     * @param metrics where the topology reports
     */
    public record Settings(
            Precision precision,
            long maxPixels,
            int maxRecordBytes,
            Windowing windowing,
            int keyframeMaxSide,
            float keyframeQuality,
            DecodeProcessor.Quarantine quarantine,
            boolean frameTier,
            Tagging tagging,
            CompressorMetrics metrics) {

        /**
         * FP16, 2 s windows with 1 s grace, the most novel frame as slow frame, the FRAME tier on,
         * no metrics.
         */
        public static Settings defaults() {
            return new Settings(
                    Precision.FP16,
                    4096L * 4096L,
                    900_000,
                    new Windowing(
                            new WindowSpec.ByTime(2000, 1000),
                            Duration.ofSeconds(10),
                            SlowPolicy.MOST_NOVEL,
                            1,
                            0.25f),
                    320,
                    0.7f,
                    DecodeProcessor.Quarantine.DEFAULT,
                    true,
                    Tagging.OFF,
                    CompressorMetrics.NONE);
        }

        public Settings withWindowing(Windowing w) {
            return new Settings(
                    precision,
                    maxPixels,
                    maxRecordBytes,
                    w,
                    keyframeMaxSide,
                    keyframeQuality,
                    quarantine,
                    frameTier,
                    tagging,
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
                    frameTier,
                    tagging,
                    m);
        }

        public Settings withPrecision(Precision p) {
            return new Settings(
                    p,
                    maxPixels,
                    maxRecordBytes,
                    windowing,
                    keyframeMaxSide,
                    keyframeQuality,
                    quarantine,
                    frameTier,
                    tagging,
                    metrics);
        }

        public Settings withFrameTier(boolean on) {
            return new Settings(
                    precision,
                    maxPixels,
                    maxRecordBytes,
                    windowing,
                    keyframeMaxSide,
                    keyframeQuality,
                    quarantine,
                    on,
                    tagging,
                    metrics);
        }

        public Settings withTagging(Tagging t) {
            return new Settings(
                    precision,
                    maxPixels,
                    maxRecordBytes,
                    windowing,
                    keyframeMaxSide,
                    keyframeQuality,
                    quarantine,
                    frameTier,
                    t,
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
                    frameTier,
                    tagging,
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
        StreamsBuilder builder = new StreamsBuilder();
        StateStores.addTo(builder, assembler.statePrecision());

        KStream<String, Outcome<Emission>> emitted =
                builder.stream(
                                topics.frames().name(),
                                Consumed.with(Serdes.String(), Serdes.ByteArray())
                                        .withName(Names.FRAMES_SOURCE))
                        .processValues(
                                () -> decode(topics, encoder, settings), Named.as(Names.DECODE))
                        .processValues(
                                () -> new EncodeProcessor(encoder, metrics), Named.as(Names.ENCODE))
                        .processValues(
                                () ->
                                        new CompressProcessor(
                                                fastChain,
                                                settings.frameTier(),
                                                Names.CHAIN_STATE_STORE,
                                                metrics),
                                Named.as(Names.COMPRESS),
                                Names.CHAIN_STATE_STORE)
                        .process(
                                () -> window(fastChain, slowChain, assembler, settings),
                                Named.as(Names.WINDOW),
                                Names.WINDOW_STATE_STORE,
                                Names.WINDOW_FRAMES_STORE,
                                Names.SLOW_FRAMES_STORE,
                                Names.SLOW_CHAIN_STATE_STORE);

        route(emitted, topics, metrics);
        return builder.build();
    }

    /**
     * Dead letters to skim.frames.dlq, token blocks to skim.tokens, keyframes to skim.keyframes.
     */
    private static void route(
            KStream<String, Outcome<Emission>> emitted, Topics topics, CompressorMetrics metrics) {
        Map<String, KStream<String, Outcome<Emission>>> routes =
                emitted.split(Named.as(Names.SPLIT))
                        .branch((k, v) -> v.isFailed(), Branched.as(Names.FAILED))
                        .branch((k, v) -> v.value().isBlock(), Branched.as(Names.BLOCKS))
                        .defaultBranch(Branched.as(Names.KEYFRAMES));
        routes.get(Names.SPLIT + Names.FAILED)
                .mapValues(Outcome::deadLetter, Named.as(Names.TO_DEAD_LETTER))
                .to(
                        topics.deadLetters().name(),
                        Produced.with(
                                        topics.deadLetters().keySerde(),
                                        MeasuredSerializer.deadLetters(
                                                topics.deadLetters().valueSerde(), metrics))
                                .withName(Names.DEAD_LETTER_SINK));
        routes.get(Names.SPLIT + Names.BLOCKS)
                .mapValues(v -> v.value().tokenBlock(), Named.as(Names.TO_TOKEN_BLOCK))
                .to(
                        topics.tokens().name(),
                        Produced.with(
                                        topics.tokens().keySerde(),
                                        MeasuredSerializer.tokenBlocks(
                                                topics.tokens().valueSerde(), metrics))
                                .withName(Names.TOKENS_SINK));
        routes.get(Names.SPLIT + Names.KEYFRAMES)
                .mapValues(v -> v.value().keyframeOrNull(), Named.as(Names.TO_KEYFRAME))
                .to(
                        topics.keyframes().name(),
                        Produced.with(
                                        topics.keyframes().keySerde(),
                                        topics.keyframes().valueSerde())
                                .withName(Names.KEYFRAMES_SINK));
    }

    private static DecodeProcessor decode(Topics topics, FrameEncoder encoder, Settings settings) {
        return new DecodeProcessor(
                topics.frames().valueSerde().deserializer(),
                settings.maxPixels(),
                encoder.inputSide(),
                settings.tagging().on()
                        ? Math.max(settings.keyframeMaxSide(), settings.tagging().imageMaxSide())
                        : settings.keyframeMaxSide(),
                settings.quarantine(),
                settings.metrics());
    }

    private static WindowProcessor window(
            Chain fastChain, Chain slowChain, BlockAssembler assembler, Settings settings) {
        return new WindowProcessor(
                settings.windowing(),
                fastChain,
                slowChain,
                settings.frameTier() ? CompressProcessor.FRAME_CHAIN : null,
                assembler,
                new Thumbnails(
                        settings.keyframeMaxSide(),
                        settings.keyframeQuality(),
                        assembler.keyframeMaxBytes()),
                settings.tagging(),
                new WindowProcessor.Stores(
                        Names.WINDOW_STATE_STORE,
                        Names.WINDOW_FRAMES_STORE,
                        Names.SLOW_FRAMES_STORE,
                        Names.SLOW_CHAIN_STATE_STORE),
                settings.metrics());
    }
}
