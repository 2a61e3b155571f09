package dev.skim.compressor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.FrameRef;
import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.compressor.window.Windowing;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainSpec;
import dev.skim.schemas.Topics;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slow-fast windows by event time: membership, grace, late frames, slow policies, splitting. */
class SlowFastWindowTest {

    private static final Chain POOL = ChainSpec.parse("pool(2)");
    private static final Chain SLOW = ChainSpec.parse("divprune(64)");
    private static final Duration IDLE = Duration.ofSeconds(5);

    private Harness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private Harness start(Chain fast, WindowSpec spec, SlowPolicy policy, int slowFrames) {
        return start(fast, spec, policy, slowFrames, CompressorTopology.Settings.defaults());
    }

    private Harness start(
            Chain fast,
            WindowSpec spec,
            SlowPolicy policy,
            int slowFrames,
            CompressorTopology.Settings base) {
        harness =
                new Harness(
                        fast,
                        SLOW,
                        base.withWindowing(new Windowing(spec, IDLE, policy, slowFrames, 0.01f)),
                        null);
        return harness;
    }

    private static List<long[]> ranges(List<TokenBlock> blocks) {
        List<long[]> out = new ArrayList<>();
        blocks.forEach(b -> out.add(new long[] {b.getFirstSeq(), b.getLastSeq()}));
        return out;
    }

    @Test
    void shouldGroupFramesIntoWindowsByPresentationTimeNotBySeq() throws Exception {
        Harness h = start(POOL, new WindowSpec.ByTime(1000, 0), SlowPolicy.FIRST, 1);
        long[] pts = {0, 400, 800, 1300, 1900, 2100};
        for (int seq = 0; seq < pts.length; seq++) {
            h.frame(seq, pts[seq], Color.RED);
        }
        assertThat(ranges(h.blocks(Tier.FAST)))
                .as("[0,1000) closed by pts 1300, [1000,2000) by pts 2100")
                .containsExactly(new long[] {0, 2}, new long[] {3, 4});

        h.advanceWallClock(IDLE.plusSeconds(1));

        List<TokenBlock> fast = h.blocks(Tier.FAST);
        assertThat(ranges(fast))
                .as("the idle stream's last window is flushed")
                .containsExactly(new long[] {0, 2}, new long[] {3, 4}, new long[] {5, 5});
        assertThat(fast.stream().flatMap(b -> b.getFrames().stream()).map(FrameRef::getPtsMillis))
                .containsExactly(0L, 400L, 800L, 1300L, 1900L, 2100L);
        List<TokenBlock> slow = h.blocks(Tier.SLOW);
        assertThat(ranges(slow))
                .containsExactly(new long[] {0, 2}, new long[] {3, 4}, new long[] {5, 5});
        assertThat(h.slowSeqs()).containsExactly(0L, 3L, 5L);
        assertThat(slow).allSatisfy(b -> assertThat(b.getTokensOut()).isEqualTo(64L));
        assertThat(slow).allSatisfy(b -> assertThat(b.getTokensIn()).isEqualTo(196L));
        List<Keyframe> keys = h.keyframes();
        assertThat(keys).extracting(Keyframe::getSeq).containsExactly(0L, 3L, 5L);
        assertThat(keys).extracting(Keyframe::getPtsMillis).containsExactly(0L, 1300L, 2100L);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes(keys.get(0).getJpeg())));
        assertThat(img.getWidth()).isEqualTo(keys.get(0).getWidth()).isEqualTo(Harness.W);
        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.metrics.keyframes).hasValue(3);
        assertThat(h.metrics.blockFrames.get(Tier.FAST)).hasValue(6);
    }

    @Test
    void shouldCountFramesByFrameCountWhenWindowsAreByFrames() {
        Harness h = start(POOL, new WindowSpec.ByFrames(3, 0), SlowPolicy.FIRST, 1);
        for (int seq = 0; seq < 7; seq++) {
            h.frame(seq, seq * 5000L, Color.RED);
        }
        assertThat(ranges(h.blocks(Tier.FAST)))
                .containsExactly(new long[] {0, 2}, new long[] {3, 5});
    }

    @Test
    void shouldTakeLateFramesWithinGraceAndDeadLetterThemAfterIt() {
        Harness h = start(POOL, new WindowSpec.ByTime(1000, 500), SlowPolicy.FIRST, 1);
        h.frame(0, 0, Color.RED);
        h.frame(1, 600, Color.RED);
        h.frame(2, 1200, Color.RED);
        h.frame(3, 900, Color.RED); // late, but [0,1000) is open until stream time 1500
        assertThat(h.blocks()).isEmpty();
        h.frame(4, 1600, Color.RED); // closes [0,1000)

        assertThat(h.blocks(Tier.FAST)).hasSize(1);
        assertThat(h.fastSeqs()).containsExactly(0L, 1L, 3L);
        assertThat(h.metrics.lateAccepted).hasValue(1);

        h.frame(5, 300, Color.RED); // its window closed at 1500: too late
        h.frame(6, 2600, Color.RED); // closes [1000,2000)

        assertThat(h.fastSeqs()).containsExactly(0L, 1L, 3L, 2L, 4L);
        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getStage()).isEqualTo("window");
        assertThat(dead.get(0).getReason())
                .contains("late frame: seq 5 (pts 300 ms)")
                .contains("window [0, 1000) ms")
                .contains("grace of 500 ms");
        assertThat(dead.get(0).getTopic()).isEqualTo(Topics.FRAMES);
        assertThat(dead.get(0).getOffset()).isEqualTo(5L);
        assertThat(h.metrics.lateDropped).hasValue(1);
        assertThat(h.metrics.deadLetters.get("window")).hasValue(1);
    }

    @Test
    void shouldPickTheFirstFrameUnderFirstPolicy() {
        Harness h = start(POOL, new WindowSpec.ByTime(1000, 0), SlowPolicy.FIRST, 2);
        Color[] colours = {Color.RED, Color.RED, Color.BLUE, Color.RED, Color.GREEN};
        for (int seq = 0; seq < colours.length; seq++) {
            h.frame(seq, seq * 200L, colours[seq]);
        }
        h.frame(5, 1000, Color.RED);

        assertThat(h.slowSeqs()).containsExactly(0L, 1L);
        assertThat(h.keyframes()).extracting(Keyframe::getSeq).containsExactly(0L, 1L);
    }

    @Test
    void shouldPickTheMostNovelFrameUnderMostNovelPolicy() {
        Harness h = start(POOL, new WindowSpec.ByTime(1000, 0), SlowPolicy.MOST_NOVEL, 1);
        h.frame(0, 0, Color.RED); // first window: the stream's first frame
        Color[] colours = {Color.RED, Color.RED, Color.BLUE, Color.RED};
        for (int i = 0; i < colours.length; i++) {
            h.frame(1 + i, 1000 + i * 200L, colours[i]);
        }
        h.frame(5, 2000, Color.RED);

        assertThat(h.slowSeqs()).containsExactly(0L, 3L);
        List<FrameRef> window = h.blocks(Tier.FAST).get(1).getFrames();
        assertThat(window.get(2).getNovelty()).isGreaterThan(window.get(1).getNovelty());
        assertThat(h.blocks(Tier.SLOW).get(1).getFrames().get(0).getNovelty())
                .isEqualTo(window.get(2).getNovelty());
    }

    @Test
    void shouldPickSceneCutsOrElseTheFirstFrameUnderSceneCutPolicy() {
        Harness h = start(POOL, new WindowSpec.ByTime(1000, 0), SlowPolicy.SCENE_CUT, 1);
        h.frame(0, 0, Color.RED);
        h.frame(1, 300, Color.RED);
        h.frame(2, 600, Color.RED); // window 0: no cut after its first frame
        h.frame(3, 1000, Color.RED);
        h.frame(4, 1300, Color.RED);
        h.frame(5, 1600, Color.BLUE); // the cut
        h.frame(6, 1800, Color.BLUE);
        h.frame(7, 2000, Color.BLUE);
        h.frame(8, 2300, Color.BLUE); // window 2: no cut
        h.frame(9, 3000, Color.BLUE);

        assertThat(h.slowSeqs()).containsExactly(0L, 5L, 7L);
    }

    @Test
    void shouldListFramesTheFastChainDropsAsGated() {
        Harness h =
                start(
                        ChainSpec.parse("gate(0.02)"),
                        new WindowSpec.ByTime(1000, 0),
                        SlowPolicy.FIRST,
                        1);
        Color[] colours = {Color.RED, Color.RED, Color.RED, Color.BLUE, Color.BLUE};
        for (int seq = 0; seq < colours.length; seq++) {
            h.frame(seq, seq * 100L, colours[seq]);
        }
        h.frame(5, 1000, Color.BLUE);

        TokenBlock fast = h.blocks(Tier.FAST).get(0);
        assertThat(fast.getFrames()).extracting(FrameRef::getSeq).containsExactly(0L, 3L);
        assertThat(fast.getGated()).extracting(FrameRef::getSeq).containsExactly(1L, 2L, 4L);
        assertThat(fast.getTokens()).extracting(t -> t.getFrameIndex()).containsOnly(0, 1);
        assertThat(fast.getTokensIn()).isEqualTo(5 * 196L);
        assertThat(fast.getTokensOut()).isEqualTo(2 * 196L);
    }

    @Test
    void shouldSplitAWindowIntoBlocksUnderTheRecordLimit() {
        int limit = 30_000;
        Harness h =
                start(
                        ChainSpec.parse("pool(1)"),
                        new WindowSpec.ByTime(1000, 0),
                        SlowPolicy.FIRST,
                        1,
                        CompressorTopology.Settings.defaults().withMaxRecordBytes(limit));
        for (int seq = 0; seq < 5; seq++) {
            h.frame(seq, seq * 100L, Color.RED);
        }
        h.frame(5, 1000, Color.RED);

        List<TokenBlock> fast = h.blocks(Tier.FAST);
        assertThat(fast).hasSizeGreaterThan(1);
        assertThat(fast.get(0).getFirstSeq()).isEqualTo(0L);
        assertThat(fast.get(fast.size() - 1).getLastSeq()).isEqualTo(4L);
        for (int i = 1; i < fast.size(); i++) {
            assertThat(fast.get(i).getFirstSeq()).isEqualTo(fast.get(i - 1).getLastSeq() + 1);
        }
        assertThat(h.fastSeqs()).containsExactly(0L, 1L, 2L, 3L, 4L);
        for (TokenBlock b : fast) {
            assertThat(h.topics.tokens().valueSerde().serializer().serialize(Topics.TOKENS, b))
                    .hasSizeLessThanOrEqualTo(limit);
        }
    }

    @Test
    void shouldKeepStreamsApart() {
        Harness h = start(POOL, new WindowSpec.ByTime(1000, 0), SlowPolicy.FIRST, 1);
        h.frame("a", 0, 0, Color.RED);
        h.frame("b", 0, 5000, Color.RED); // b's time does not close a's window
        h.frame("a", 1, 500, Color.RED);
        assertThat(h.blocks()).isEmpty();
        h.frame("a", 2, 1000, Color.RED);

        assertThat(h.blocks(Tier.FAST)).extracting(TokenBlock::getStreamId).containsExactly("a");
        assertThat(h.fastSeqs()).containsExactly(0L, 1L);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
