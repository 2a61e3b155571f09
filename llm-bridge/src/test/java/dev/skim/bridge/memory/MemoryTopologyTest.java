package dev.skim.bridge.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.bridge.TokenBlocks;
import dev.skim.bridge.context.AskContext;
import dev.skim.bridge.context.ContextBuilder;
import dev.skim.bridge.context.Moment;
import dev.skim.bridge.llm.Modality;
import dev.skim.bridge.search.SentenceEncoders;
import dev.skim.bridge.search.Vocabulary;
import dev.skim.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.LongStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryTopologyTest {

    /** Fast 10 s, slow 2 s, frame 60 s, keyframes 2 s of stream time. */
    private static final MemoryPolicy POLICY =
            new MemoryPolicy(
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(2));

    private final Topics topics = Topics.defaults();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, TokenBlock> tokens;
    private TestInputTopic<String, Keyframe> keyframes;
    private TestInputTopic<String, byte[]> rawTokens;
    private TestInputTopic<String, byte[]> rawKeyframes;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver =
                new TopologyTestDriver(
                        MemoryTopology.build(
                                topics,
                                POLICY,
                                metrics,
                                org.apache.kafka.streams.state.Stores::inMemoryKeyValueStore),
                        props);
        tokens =
                driver.createInputTopic(
                        Topics.TOKENS,
                        topics.tokens().keySerde().serializer(),
                        topics.tokens().valueSerde().serializer());
        keyframes =
                driver.createInputTopic(
                        Topics.KEYFRAMES,
                        topics.keyframes().keySerde().serializer(),
                        topics.keyframes().valueSerde().serializer());
        rawTokens =
                driver.createInputTopic(
                        Topics.TOKENS, new StringSerializer(), new ByteArraySerializer());
        rawKeyframes =
                driver.createInputTopic(
                        Topics.KEYFRAMES, new StringSerializer(), new ByteArraySerializer());
        deadLetters =
                driver.createOutputTopic(
                        Topics.TOKEN_DEAD_LETTERS,
                        new StringDeserializer(),
                        topics.tokenDeadLetters().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldKeepTotalsPerStreamAndCountARedeliveredBlockOnce() {
        tokens.pipeInput("a", TokenBlocks.frame("a", 0, 0, 49));
        tokens.pipeInput("a", TokenBlocks.frame("a", 1, 100, 49));
        tokens.pipeInput("a", TokenBlocks.frame("a", 1, 100, 49));
        tokens.pipeInput("b", TokenBlocks.frame("b", 7, 5000, 10));

        KeyValueStore<String, StreamStats> stats =
                driver.getKeyValueStore(MemoryTopology.STATS_STORE);
        StreamStats a = stats.get("a");
        assertThat(a.frames()).isEqualTo(2);
        assertThat(a.tokensIn()).isEqualTo(392);
        assertThat(a.tokensOut()).isEqualTo(98);
        assertThat(a.vectorBytes()).isEqualTo(2 * 49 * 4);
        assertThat(a.firstPtsMillis()).isZero();
        assertThat(a.lastPtsMillis()).isEqualTo(100);
        assertThat(stats.get("b").firstSeq()).isEqualTo(7);
        assertThat(usage("a", "FAST").blocks()).isEqualTo(2);
    }

    @Test
    void shouldScanOneStreamsBlocksInTimeOrderWhateverTheArrivalOrder() {
        for (long seq : new long[] {10, 2, 100, 1}) {
            tokens.pipeInput("s", TokenBlocks.frame("s", seq, seq * 10, 1));
        }
        tokens.pipeInput("s2", TokenBlocks.frame("s2", 5, 50, 1));

        assertThat(seqs(MemoryTopology.FAST_STORE, "s")).containsExactly(1L, 2L, 10L, 100L);
    }

    @Test
    void shouldPutEachTierInItsOwnStore() {
        tokens.pipeInput("s", TokenBlocks.block("s", Tier.FAST, 0, 0, 0f, 4, 2, "e"));
        tokens.pipeInput("s", TokenBlocks.block("s", Tier.SLOW, 0, 0, 0f, 64, 2, "e"));
        tokens.pipeInput("s", TokenBlocks.block("s", Tier.FRAME, 0, 0, 0f, 1, 2, "e"));

        assertThat(seqs(MemoryTopology.FAST_STORE, "s")).containsExactly(0L);
        assertThat(seqs(MemoryTopology.SLOW_STORE, "s")).containsExactly(0L);
        assertThat(seqs(MemoryTopology.FRAME_STORE, "s")).containsExactly(0L);
        assertThat(usage("s", "SLOW").tokens()).isEqualTo(64);
        assertThat(usage("s", "FRAME").tokens()).isEqualTo(1);
    }

    @Test
    void shouldDropEachTierAfterItsOwnRetentionInStreamTime() {
        // one frame a second for 30 s, every tier
        for (long seq = 0; seq <= 30; seq++) {
            for (Tier tier : Tier.values()) {
                tokens.pipeInput("s", TokenBlocks.block("s", tier, seq, seq * 1000, 0f, 4, 2, "e"));
            }
        }
        // newest pts 30 000: fast keeps >= 20 000, slow keeps >= 28 000, frame keeps everything
        assertThat(seqs(MemoryTopology.FAST_STORE, "s")).first().isEqualTo(20L);
        assertThat(seqs(MemoryTopology.FAST_STORE, "s")).hasSize(11);
        assertThat(seqs(MemoryTopology.SLOW_STORE, "s")).containsExactly(28L, 29L, 30L);
        assertThat(seqs(MemoryTopology.FRAME_STORE, "s")).hasSize(31);

        TierUsage fast = usage("s", "FAST");
        assertThat(fast.blocks()).isEqualTo(11);
        assertThat(fast.expired()).isEqualTo(20);
        assertThat(fast.oldestPtsMillis()).isEqualTo(20_000);
        assertThat(fast.bytes()).isEqualTo(bytesHeld(MemoryTopology.FAST_STORE, "s"));
        assertThat(usage("s", "SLOW").bytes()).isEqualTo(bytesHeld(MemoryTopology.SLOW_STORE, "s"));
        // totals still count every frame ever seen
        assertThat(
                        driver.<String, StreamStats>getKeyValueStore(MemoryTopology.STATS_STORE)
                                .get("s")
                                .frames())
                .isEqualTo(31);
    }

    @Test
    void shouldCoverATimeRangeWhoseFastBlocksExpiredFromTheFrameTier() {
        // one frame a second for 40 s, FAST (retention 10 s) and FRAME (60 s); seq 7 gated in FAST
        for (long seq = 0; seq <= 40; seq++) {
            if (seq != 7) {
                tokens.pipeInput(
                        "s", TokenBlocks.block("s", Tier.FAST, seq, seq * 1000, 0f, 4, 2, "e"));
            }
            tokens.pipeInput(
                    "s", TokenBlocks.block("s", Tier.FRAME, seq, seq * 1000, 0f, 1, 2, "e"));
        }
        assertThat(seqs(MemoryTopology.FAST_STORE, "s")).first().isEqualTo(30L);
        TokenMemory memory = new TokenMemory(name -> driver.getKeyValueStore(name), POLICY);

        AskContext old =
                new ContextBuilder(memory, new Vocabulary(SentenceEncoders.none(), 0.75, 0.65))
                        .build("s", "what happened?", 0, 20_000, 4000, Modality.IMAGES, 85, 8);

        assertThat(old.moments())
                .as("every frame of [0 s, 20 s], FAST long gone, from the FRAME tier")
                .extracting(Moment::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(0, 20).boxed().toList());
        assertThat(old.moments()).extracting(Moment::tier).containsOnly("FRAME");
        assertThat(old.moments()).extracting(Moment::role).containsOnly("coverage");

        AskContext recent =
                new ContextBuilder(memory, new Vocabulary(SentenceEncoders.none(), 0.75, 0.65))
                        .build("s", "what happened?", 25_000, 40_000, 4000, Modality.IMAGES, 85, 8);
        assertThat(recent.moments())
                .as("FAST where it is held, FRAME before it")
                .extracting(m -> m.seq() + " " + m.tier())
                .contains("25 FRAME", "29 FRAME", "30 FAST", "40 FAST")
                .hasSize(16);
    }

    @Test
    void shouldNotStoreABlockThatArrivesAlreadyExpired() {
        tokens.pipeInput("s", TokenBlocks.block("s", Tier.SLOW, 50, 50_000, 0f, 4, 2, "e"));
        tokens.pipeInput("s", TokenBlocks.block("s", Tier.SLOW, 1, 1_000, 0f, 4, 2, "e"));

        assertThat(seqs(MemoryTopology.SLOW_STORE, "s")).containsExactly(50L);
        assertThat(usage("s", "SLOW").blocks()).isEqualTo(1);
    }

    @Test
    void shouldKeepKeyframesForTheirRetentionAndStreamsApart() {
        for (long seq = 0; seq <= 10; seq++) {
            keyframes.pipeInput("s", TokenBlocks.keyframe("s", seq, seq * 1000));
        }
        keyframes.pipeInput("t", TokenBlocks.keyframe("t", 0, 0));

        KeyValueStore<String, Keyframe> store =
                driver.getKeyValueStore(MemoryTopology.KEYFRAMES_STORE);
        List<Long> held = new ArrayList<>();
        try (var it = store.range(BlockKey.from("s", 0), BlockKey.to("s"))) {
            it.forEachRemaining(kv -> held.add(kv.value.getSeq()));
        }
        assertThat(held).containsExactly(8L, 9L, 10L);
        assertThat(store.get(BlockKey.from("t", 0))).isNotNull();
        TierUsage u = usage("s", MemoryTopology.KEYFRAMES_TIER);
        assertThat(u.blocks()).isEqualTo(3);
        assertThat(u.bytes()).isEqualTo(3 * 6);
    }

    @Test
    void shouldRouteUnreadableBlocksToTheDeadLetterTopicAndStoreTheNextGoodOne() {
        // 1. Bytes that are not Avro at all.
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        rawTokens.pipeInput("cam", garbage);
        // 2. A valid Avro record of another schema (a keyframe on skim.tokens).
        byte[] keyframe =
                topics.keyframes()
                        .valueSerde()
                        .serializer()
                        .serialize(Topics.KEYFRAMES, TokenBlocks.keyframe("cam", 0, 0));
        rawTokens.pipeInput("cam", keyframe);
        // 3. A good block.
        tokens.pipeInput("cam", TokenBlocks.frame("cam", 5, 500, 49));

        List<org.apache.kafka.streams.test.TestRecord<String, DeadLetter>> dead =
                deadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(r -> assertThat(r.key()).isEqualTo("cam"));
        DeadLetter notAvro = dead.get(0).value();
        assertThat(notAvro.getStreamId()).isEqualTo("cam");
        assertThat(notAvro.getTopic()).isEqualTo(Topics.TOKENS);
        assertThat(notAvro.getPartition()).isZero();
        assertThat(notAvro.getOffset()).isZero();
        assertThat(notAvro.getStage()).isEqualTo("deserialize");
        assertThat(notAvro.getReason())
                .contains("TokenBlock from topic skim.tokens")
                .contains("not Avro single-object encoded");
        assertThat(notAvro.getExceptionClass()).isEqualTo(SerializationException.class.getName());
        assertThat(bytes(notAvro.getPayload())).isEqualTo(garbage);
        DeadLetter wrongSchema = dead.get(1).value();
        assertThat(wrongSchema.getOffset()).isEqualTo(1);
        assertThat(wrongSchema.getStage()).isEqualTo("deserialize");
        assertThat(wrongSchema.getReason()).contains("unknown writer schema fingerprint");
        assertThat(bytes(wrongSchema.getPayload())).isEqualTo(keyframe);

        assertThat(seqs(MemoryTopology.FAST_STORE, "cam")).containsExactly(5L);
        StreamStats stats =
                driver.<String, StreamStats>getKeyValueStore(MemoryTopology.STATS_STORE).get("cam");
        assertThat(stats.blocks()).isEqualTo(1);
        assertThat(deadLetterCount(Topics.TOKENS, "deserialize")).isEqualTo(2);
        assertThat(deadLetterCount(Topics.TOKENS, "validate")).isZero();
        assertThat(deadLetterCount(Topics.KEYFRAMES, "deserialize")).isZero();
    }

    @Test
    void shouldDeadLetterBlocksThatDecodeButBreakWhatTheMemoryReliesOn() {
        // the key decides the instance that answers for the stream: it must be the stream id
        tokens.pipeInput("other", TokenBlocks.frame("cam", 0, 0, 4));
        // 4 FP16 tokens of dim 2 need 16 vector bytes
        TokenBlock truncated = TokenBlocks.frame("cam", 1, 100, 4);
        truncated.getVectors().setData(ByteBuffer.wrap(new byte[10]));
        tokens.pipeInput("cam", truncated);
        rawTokens.pipeInput("cam", (byte[]) null);
        tokens.pipeInput("cam", TokenBlocks.frame("cam", 2, 200, 4));

        List<DeadLetter> dead = deadLetters.readValuesToList();
        assertThat(dead).extracting(DeadLetter::getStage).containsOnly("validate");
        assertThat(dead).extracting(DeadLetter::getOffset).containsExactly(0L, 1L, 2L);
        assertThat(dead.get(0).getStreamId()).isEqualTo("other");
        assertThat(dead.get(0).getReason())
                .isEqualTo("the record key 'other' is not the block's streamId 'cam'");
        assertThat(dead.get(1).getReason())
                .isEqualTo("4 tokens x 2 FP16 need 16 vector bytes, the block has 10");
        assertThat(dead.get(1).getExceptionClass())
                .isEqualTo(IllegalArgumentException.class.getName());
        assertThat(dead.get(2).getReason()).contains("tombstone");
        assertThat(dead.get(2).getPayload()).isNull();
        assertThat(seqs(MemoryTopology.FAST_STORE, "cam")).containsExactly(2L);
        assertThat(seqs(MemoryTopology.FAST_STORE, "other")).isEmpty();
        assertThat(deadLetterCount(Topics.TOKENS, "validate")).isEqualTo(3);
    }

    @Test
    void shouldDeadLetterUnreadableKeyframesAndKeepTheGoodOnes() {
        rawKeyframes.pipeInput("cam", new byte[] {(byte) 0xC3, 0x01, 1, 2});
        keyframes.pipeInput("dock", TokenBlocks.keyframe("cam", 1, 1000));
        keyframes.pipeInput("cam", TokenBlocks.keyframe("cam", 2, 2000));

        List<DeadLetter> dead = deadLetters.readValuesToList();
        assertThat(dead).extracting(DeadLetter::getTopic).containsOnly(Topics.KEYFRAMES);
        assertThat(dead)
                .extracting(DeadLetter::getStage)
                .containsExactly("deserialize", "validate");
        assertThat(dead.get(0).getReason()).contains("Keyframe from topic skim.keyframes");
        assertThat(dead.get(1).getReason()).contains("keyframe's streamId 'cam'");
        KeyValueStore<String, Keyframe> store =
                driver.getKeyValueStore(MemoryTopology.KEYFRAMES_STORE);
        assertThat(store.get(BlockKey.from("cam", 1))).isNull();
        assertThat(store.get(BlockKey.from("cam", 2))).isNotNull();
        assertThat(deadLetterCount(Topics.KEYFRAMES, "deserialize")).isEqualTo(1);
        assertThat(deadLetterCount(Topics.KEYFRAMES, "validate")).isEqualTo(1);
    }

    @Test
    void shouldReferenceALargeUnreadableRecordInsteadOfCopyingIt() {
        byte[] large = new byte[DeadLetters.MAX_PAYLOAD_BYTES + 1];
        rawTokens.pipeInput("cam", large);

        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.getPayload()).isNull();
        assertThat(dead.getPayloadRef())
                .isEqualTo("skim.tokens/0@0 (" + large.length + " bytes, not copied)");
    }

    private double deadLetterCount(String topic, String stage) {
        return metrics.get("skim.bridge.dead.letters")
                .tag("topic", topic)
                .tag("stage", stage)
                .counter()
                .count();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private List<Long> seqs(String store, String stream) {
        KeyValueStore<String, TokenBlock> blocks = driver.getKeyValueStore(store);
        List<Long> seqs = new ArrayList<>();
        try (var it = blocks.range(BlockKey.from(stream, 0), BlockKey.to(stream))) {
            it.forEachRemaining(kv -> seqs.add(kv.value.getFirstSeq()));
        }
        return seqs;
    }

    private long bytesHeld(String store, String stream) {
        KeyValueStore<String, TokenBlock> blocks = driver.getKeyValueStore(store);
        long sum = 0;
        try (var it = blocks.range(BlockKey.from(stream, 0), BlockKey.to(stream))) {
            while (it.hasNext()) {
                sum +=
                        topics.tokens()
                                .valueSerde()
                                .serializer()
                                .serialize("x", it.next().value)
                                .length;
            }
        }
        return sum;
    }

    private TierUsage usage(String stream, String tier) {
        KeyValueStore<String, TierUsage> u = driver.getKeyValueStore(MemoryTopology.USAGE_STORE);
        return u.get(MemoryTopology.usageKey(stream, tier));
    }
}
