package dev.skim.compressor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.FrameRef;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.compressor.window.Windowing;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.WireVectors;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FRAME tier: one token for every frame, gated ones included, once per window. */
class FrameTierTest {

    private static final Chain SLOW = ChainSpec.parse("divprune(64)");
    private static final Color[] COLOURS = {
        Color.RED,
        Color.RED,
        Color.RED,
        Color.BLUE,
        Color.BLUE,
        Color.GREEN,
        Color.GREEN,
        Color.GREEN,
        Color.RED,
        Color.RED,
        Color.YELLOW,
        Color.YELLOW
    };

    private Harness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private Harness start(Chain fast, CompressorTopology.Settings base) {
        harness =
                new Harness(
                        fast,
                        SLOW,
                        base.withWindowing(
                                new Windowing(
                                        new WindowSpec.ByTime(1000, 0),
                                        Duration.ofSeconds(5),
                                        SlowPolicy.MOST_NOVEL,
                                        1,
                                        0.25f)),
                        null);
        return harness;
    }

    /** 12 frames, 250 ms apart (4 windows of 1 s), then the idle flush closes the last. */
    private static void publish(Harness h) {
        for (int seq = 0; seq < COLOURS.length; seq++) {
            h.frame(seq, seq * 250L, COLOURS[seq]);
        }
        h.advanceWallClock(Duration.ofSeconds(6));
    }

    @Test
    void shouldCarryEveryFrameGatedOrNotExactlyOnceInTheFrameTierWithOneToken() {
        Harness h =
                start(
                        ChainSpec.parse("gate(0.02) > pool(4)"),
                        CompressorTopology.Settings.defaults());
        publish(h);

        assertThat(h.gatedSeqs()).as("the FAST chain gated some frames").isNotEmpty();
        List<TokenBlock> frame = h.blocks(Tier.FRAME);
        Map<Long, Long> counts =
                frame.stream()
                        .flatMap(b -> b.getFrames().stream())
                        .collect(
                                Collectors.groupingBy(
                                        FrameRef::getSeq, TreeMap::new, Collectors.counting()));
        assertThat(counts.keySet())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(counts.values()).containsOnly(1L);
        for (TokenBlock b : frame) {
            assertThat(b.getGated()).isEmpty();
            assertThat(b.getTokens())
                    .extracting(TokenRef::getFrameIndex)
                    .containsExactlyElementsOf(indices(b.getFrames().size()));
            assertThat(b.getTokens()).extracting(TokenRef::getSpan).containsOnly(196);
            assertThat(b.getTokensIn()).isEqualTo(196L * b.getFrames().size());
            assertThat(b.getTokensOut()).isEqualTo(b.getFrames().size());
            assertThat(b.getChain()).extracting(OperatorStep::getName).containsExactly("frame");
            assertThat(vectors(b))
                    .hasSize(b.getFrames().size())
                    .allSatisfy(v -> assertThat(v).hasSize(b.getDim()));
        }
        // the windows' blocks: FAST, then SLOW, then FRAME, with the same seq ranges
        List<Tier> order = h.blocks().stream().map(TokenBlock::getTier).toList();
        assertThat(order.subList(0, 3)).containsExactly(Tier.FAST, Tier.SLOW, Tier.FRAME);
        assertThat(ranges(frame)).isEqualTo(ranges(h.blocks(Tier.FAST)));
    }

    @Test
    void shouldMakeTheFrameTokenTheMeanOfTheFullGridBeforeTheFastChain() {
        // pool(14) on the 14 x 14 grid is the span-weighted mean of the whole grid, as FRAME is
        Harness h = start(ChainSpec.parse("pool(14)"), CompressorTopology.Settings.defaults());
        publish(h);

        List<float[]> fast = new ArrayList<>();
        h.blocks(Tier.FAST).forEach(b -> fast.addAll(vectors(b)));
        List<float[]> frame = new ArrayList<>();
        h.blocks(Tier.FRAME).forEach(b -> frame.addAll(vectors(b)));
        assertThat(frame).hasSize(COLOURS.length).hasSameSizeAs(fast);
        for (int i = 0; i < frame.size(); i++) {
            assertThat(frame.get(i)).as("frame %d", i).containsExactly(fast.get(i));
        }
        TokenRef t = h.blocks(Tier.FRAME).get(0).getTokens().get(0);
        assertThat(t.getRow()).isEqualTo(6.5f);
        assertThat(t.getCol()).isEqualTo(6.5f);
    }

    @Test
    void shouldEmitNoFrameTierWhenItIsOff() {
        Harness h =
                start(
                        ChainSpec.parse("pool(4)"),
                        CompressorTopology.Settings.defaults().withFrameTier(false));
        publish(h);

        assertThat(h.fastSeqs()).hasSize(COLOURS.length);
        assertThat(h.blocks(Tier.FRAME)).isEmpty();
    }

    private static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<String> ranges(List<TokenBlock> blocks) {
        return blocks.stream().map(b -> b.getFirstSeq() + ".." + b.getLastSeq()).toList();
    }

    private static List<float[]> vectors(TokenBlock b) {
        ByteBuffer d = b.getVectors().getData().duplicate();
        byte[] data = new byte[d.remaining()];
        d.get(data);
        return new WireVectors(
                        Precision.valueOf(b.getVectors().getPrecision().name()),
                        b.getTokens().size(),
                        b.getDim(),
                        data,
                        null)
                .decode();
    }
}
