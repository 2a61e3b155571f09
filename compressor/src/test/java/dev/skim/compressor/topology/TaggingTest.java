package dev.skim.compressor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Keyframe;
import dev.skim.avro.Tag;
import dev.skim.avro.TagKind;
import dev.skim.compressor.tagging.TaggerPool;
import dev.skim.compressor.tagging.Tagging;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.compressor.window.Windowing;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tagging.FrameTag;
import dev.skim.core.tagging.FrameTagger;
import dev.skim.core.tagging.NanoDetConfig;
import dev.skim.core.tagging.NanoDetTagger;
import dev.skim.core.tagging.PaddleOcrConfig;
import dev.skim.core.tagging.PaddleOcrTagger;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stage 6, tags on slow frames: real taggers run on the slow frames' tag images at window close,
 * and the keyframes carry what they found with the encoder grid cells it covers.
 */
class TaggingTest {

    private static final int W = 640;
    private static final int H = 360;

    private Harness harness;
    private TaggerPool pool;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    private Harness start(List<Supplier<FrameTagger>> taggers) {
        return start(taggers, new WindowSpec.ByFrames(4, 0), 0);
    }

    private Harness start(List<Supplier<FrameTagger>> taggers, WindowSpec spec, long every) {
        pool = new TaggerPool(taggers);
        CompressorTopology.Settings settings =
                CompressorTopology.Settings.defaults()
                        .withWindowing(
                                new Windowing(
                                        spec, Duration.ofSeconds(10), SlowPolicy.FIRST, 1, 0.25f))
                        .withTagging(new Tagging(pool, 640, 0.9f, every));
        harness =
                new Harness(
                        ChainSpec.parse("pool(2)"), ChainSpec.parse("divprune(8)"), settings, null);
        return harness;
    }

    /** A grey frame with a word in large black letters in its right half, or none. */
    static byte[] frame(String word) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, W, H);
        if (word != null) {
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
            g.drawString(word, 360, 200);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void keyframesShouldCarryTheTextOcrReadsWithTheCellsItCovers() throws Exception {
        Harness h = start(List.of(() -> PaddleOcrTagger.open(PaddleOcrConfig.defaults())));
        for (int seq = 0; seq < 8; seq++) {
            h.frame(seq, seq * 100L, frame(seq < 4 ? "EXIT" : null), W, H);
        }
        h.advanceWallClock(Duration.ofSeconds(11));

        List<Keyframe> keys = h.keyframes();
        assertThat(keys).extracting(Keyframe::getSeq).containsExactly(0L, 4L);
        Keyframe withText = keys.get(0);
        assertThat(withText.getTagger()).isEqualTo("ppocr-v4");
        assertThat(withText.getTags()).extracting(Tag::getKind).containsOnly(TagKind.TEXT);
        assertThat(withText.getTags())
                .extracting(t -> t.getLabel().toString().toUpperCase())
                .contains("EXIT");
        Tag exit = withText.getTags().get(0);
        int rows = withText.getGridRows();
        int cols = withText.getGridCols();
        assertThat(rows).isPositive();
        assertThat(cols).isPositive();
        // drawn in the right half: every cell it covers is in the right half of the grid
        assertThat(exit.getX()).isGreaterThan(0.5f);
        assertThat(exit.getCells())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c % cols).isGreaterThanOrEqualTo(cols / 2));
        assertThat(exit.getCells()).allSatisfy(c -> assertThat(c).isLessThan(rows * cols));

        Keyframe blank = keys.get(1);
        assertThat(blank.getTagger()).isEqualTo("ppocr-v4");
        assertThat(blank.getTags()).isEmpty();
        assertThat(h.metrics.tagged.get("ppocr-v4")).hasValue(2);
    }

    @Test
    void keyframesShouldCarryThePersonsTheDetectorFindsOnARealFrame() throws Exception {
        // a frame of vtest.avi (768 x 576, pedestrians outdoors), checked in by core's detector
        // tests
        byte[] jpeg =
                Files.readAllBytes(
                        Path.of("../core/src/test/resources/tagging/nanodet-vtest400.jpg"));
        Harness h =
                start(
                        List.of(
                                () -> NanoDetTagger.open(NanoDetConfig.defaults()),
                                () -> PaddleOcrTagger.open(PaddleOcrConfig.defaults())));
        for (int seq = 0; seq < 4; seq++) {
            h.frame(seq, seq * 100L, jpeg, 768, 576);
        }
        h.advanceWallClock(Duration.ofSeconds(11));

        List<Keyframe> keys = h.keyframes();
        assertThat(keys).hasSize(1);
        Keyframe k = keys.get(0);
        assertThat(k.getTagger()).isEqualTo("nanodet-coco80,ppocr-v4");
        List<Tag> persons =
                k.getTags().stream()
                        .filter(t -> t.getKind() == TagKind.OBJECT)
                        .filter(t -> t.getLabel().toString().equals("person"))
                        .toList();
        assertThat(persons).hasSizeGreaterThanOrEqualTo(2);
        int cells = k.getGridRows() * k.getGridCols();
        for (Tag p : persons) {
            assertThat(p.getScore()).isBetween(0.35f, 1f);
            assertThat(p.getX() + p.getW()).isLessThanOrEqualTo(1.0001f);
            assertThat(p.getY() + p.getH()).isLessThanOrEqualTo(1.0001f);
            assertThat(p.getCells())
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c).isBetween(0, cells - 1));
        }
    }

    @Test
    void aTaggerThatFailsShouldCostItsTagsNotTheWindow() throws Exception {
        FrameTagger broken =
                new FrameTagger() {
                    @Override
                    public String id() {
                        return "broken";
                    }

                    @Override
                    public List<FrameTag> tag(RgbImage image) {
                        throw new IllegalStateException("model failed");
                    }

                    @Override
                    public void close() {}
                };
        Harness h =
                start(
                        List.of(
                                () -> broken,
                                () -> PaddleOcrTagger.open(PaddleOcrConfig.defaults())));
        for (int seq = 0; seq < 4; seq++) {
            h.frame(seq, seq * 100L, frame("EXIT"), W, H);
        }
        h.advanceWallClock(Duration.ofSeconds(11));

        List<Keyframe> keys = h.keyframes();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).getTagger()).isEqualTo("ppocr-v4");
        assertThat(keys.get(0).getTags()).isNotEmpty();
        assertThat(h.metrics.taggerFailures.get("broken")).hasValue(1);
        assertThat(h.deadLetters()).isEmpty();
    }

    @Test
    void onlyTheWindowsHoldingAMultipleOfTheIntervalShouldBeTagged() throws Exception {
        Harness h =
                start(
                        List.of(() -> PaddleOcrTagger.open(PaddleOcrConfig.defaults())),
                        new WindowSpec.ByTime(1000, 0),
                        3000);
        for (int seq = 0; seq < 40; seq++) {
            h.frame(seq, seq * 100L, frame("EXIT"), W, H);
        }
        h.advanceWallClock(Duration.ofSeconds(11));

        List<Keyframe> keys = h.keyframes();
        assertThat(keys)
                .extracting(Keyframe::getPtsMillis)
                .containsExactly(0L, 1000L, 2000L, 3000L);
        assertThat(keys)
                .filteredOn(k -> !k.getTagger().toString().isEmpty())
                .extracting(Keyframe::getPtsMillis)
                .containsExactly(0L, 3000L);
        assertThat(h.metrics.tagged.get("ppocr-v4")).hasValue(2);
    }

    @Test
    void withTaggingOffKeyframesShouldHaveNoTags() throws Exception {
        Harness h = start(List.of());
        for (int seq = 0; seq < 4; seq++) {
            h.frame(seq, seq * 100L, frame("EXIT"), W, H);
        }
        h.advanceWallClock(Duration.ofSeconds(11));

        List<Keyframe> keys = h.keyframes();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).getTags()).isEmpty();
        assertThat(keys.get(0).getTagger()).isEmpty();
        assertThat(keys.get(0).getGridRows()).isZero();
    }
}
