package dev.skim.compressor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.compressor.window.Windowing;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.tokens.Precision;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * State survives a restart: what the first run wrote to the changelogs is all a second run needs to
 * finish the open window with the same progressive memory.
 *
 * <p>TopologyTestDriver wipes its state directory when it closes, so the second driver (same
 * application id and state dir) gets its stores the way a restarted or moved task does: by
 * replaying the first run's changelog topics.
 */
class StateRestartTest {

    private static final List<String> STORES =
            List.of(
                    Names.CHAIN_STATE_STORE,
                    Names.WINDOW_STATE_STORE,
                    Names.WINDOW_FRAMES_STORE,
                    Names.SLOW_FRAMES_STORE,
                    Names.SLOW_CHAIN_STATE_STORE);

    private static Harness start(Path stateDir) {
        Chain fast = ChainSpec.parse("novelty(16, base=4)");
        return new Harness(
                fast,
                ChainSpec.parse("divprune(64)"),
                CompressorTopology.Settings.defaults()
                        .withWindowing(
                                new Windowing(
                                        new WindowSpec.ByTime(1000, 0),
                                        Duration.ofSeconds(5),
                                        SlowPolicy.MOST_NOVEL,
                                        1,
                                        0.25f)),
                stateDir);
    }

    @Test
    void shouldFinishAnOpenWindowWithTheSameMemoryAfterARestart() {
        Path stateDir = Harness.freshDir();
        Map<String, Map<String, byte[]>> changelogs = new LinkedHashMap<>();
        try (Harness first = start(stateDir)) {
            first.frame(0, 0, Color.RED);
            first.frame(1, 1000, Color.RED); // closes [0,1000)
            first.frame(2, 1300, Color.RED);
            first.frame(3, 1600, Color.BLUE);
            assertThat(first.blocks(Tier.FAST)).hasSize(1);
            for (String store : STORES) {
                changelogs.put(store, changelog(first, store));
            }
        }
        assertThat(changelogs.get(Names.WINDOW_FRAMES_STORE)).hasSize(3);
        assertThat(changelogs.get(Names.SLOW_FRAMES_STORE)).hasSize(1);

        try (Harness second = start(stateDir)) {
            Map<String, Serde<?>> serdes = StateStores.valueSerdes(Precision.FP16);
            for (String store : STORES) {
                KeyValueStore<String, Object> s = second.driver.getKeyValueStore(store);
                var values = serdes.get(store).deserializer();
                changelogs.get(store).forEach((k, v) -> s.put(k, values.deserialize(store, v)));
            }
            second.frame(4, 1900, Color.BLUE);
            second.frame(5, 2000, Color.BLUE); // closes [1000,2000)

            TokenBlock fast = second.blocks(Tier.FAST).get(0);
            assertThat(fast.getFirstSeq()).isEqualTo(1L);
            assertThat(fast.getLastSeq()).isEqualTo(4L);
            assertThat(fast.getFrames())
                    .as("BLUE after RED is new to the memory")
                    .extracting(FrameRef::getSeq)
                    .containsExactly(3L);
            assertThat(fast.getGated())
                    .as("seq 4 repeats seq 3, which the carried novelty memory already holds")
                    .extracting(FrameRef::getSeq)
                    .containsExactly(1L, 2L, 4L);
            assertThat(second.slowSeqs())
                    .as("the candidate chosen before the restart, BLUE after RED")
                    .containsExactly(3L);
            assertThat(second.keyframes()).hasSize(1);
            TokenBlock frame = second.blocks(Tier.FRAME).get(0);
            assertThat(frame.getFrames())
                    .as("every frame once in the FRAME tier, the restored ones with their token")
                    .extracting(FrameRef::getSeq)
                    .containsExactly(1L, 2L, 3L, 4L);
            assertThat(frame.getGated()).isEmpty();
            assertThat(frame.getTokensOut()).isEqualTo(4L);
        }
    }

    /** The latest value per key of a store's changelog topic (deleted keys left out). */
    private static Map<String, byte[]> changelog(Harness h, String store) {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        List<KeyValue<String, byte[]>> records =
                h.driver
                        .createOutputTopic(
                                "compressor-test-" + store + "-changelog",
                                Serdes.String().deserializer(),
                                Serdes.ByteArray().deserializer())
                        .readKeyValuesToList();
        for (KeyValue<String, byte[]> kv : records) {
            if (kv.value == null) {
                latest.remove(kv.key);
            } else {
                latest.put(kv.key, kv.value);
            }
        }
        return latest;
    }
}
