package dev.skim.bridge.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.bridge.TokenBlocks;
import dev.skim.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
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
    private TopologyTestDriver driver;
    private TestInputTopic<String, TokenBlock> tokens;
    private TestInputTopic<String, Keyframe> keyframes;

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
