package dev.skim.bridge.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.TokenBlock;
import dev.skim.bridge.TokenBlocks;
import dev.skim.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryTopologyTest {

    private final Topics topics = Topics.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, TokenBlock> tokens;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(MemoryTopology.build(topics), props);
        tokens =
                driver.createInputTopic(
                        Topics.TOKENS,
                        topics.tokens().keySerde().serializer(),
                        topics.tokens().valueSerde().serializer());
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
    }

    @Test
    void shouldScanOneStreamsBlocksInSeqOrder() {
        for (long seq : new long[] {10, 2, 100, 1}) {
            tokens.pipeInput("s", TokenBlocks.frame("s", seq, seq * 10, 1));
        }
        tokens.pipeInput("s2", TokenBlocks.frame("s2", 5, 50, 1));

        KeyValueStore<String, TokenBlock> blocks =
                driver.getKeyValueStore(MemoryTopology.BLOCKS_STORE);
        var seqs = new java.util.ArrayList<Long>();
        try (var it = blocks.range(BlockKey.from("s", 0), BlockKey.to("s"))) {
            it.forEachRemaining(kv -> seqs.add(kv.value.getFirstSeq()));
        }
        assertThat(seqs).containsExactly(1L, 2L, 10L, 100L);
    }
}
