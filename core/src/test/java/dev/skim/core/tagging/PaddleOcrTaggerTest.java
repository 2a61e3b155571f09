package dev.skim.core.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.core.encoder.RgbImage;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real PP-OCRv4 models (no mocks) on frames with text drawn by Java2D, on frames without text,
 * on odd sizes and on a real vtest.avi frame. Text matches ignore case and spaces: the recogniser
 * often drops the space of "Gate 7", and search matches words either way.
 */
class PaddleOcrTaggerTest {

    private static PaddleOcrTagger tagger;

    @BeforeAll
    static void open() {
        tagger = PaddleOcrTagger.open(PaddleOcrConfig.defaults());
    }

    @AfterAll
    static void close() {
        tagger.close();
    }

    @Test
    void shouldReadWordsOfDifferentSizesAndPlacesOnAPlainBackground() {
        BufferedImage image = PaddleOcrImages.plain(640, 360, new Color(235, 235, 230));
        List<PaddleOcrImages.Word> words = new ArrayList<>();
        words.add(PaddleOcrImages.draw(image, "EXIT", 40, 90, 56, new Color(200, 20, 20), null));
        words.add(PaddleOcrImages.draw(image, "Gate 7", 380, 200, 32, Color.BLACK, null));
        words.add(PaddleOcrImages.draw(image, "2026", 120, 320, 22, new Color(20, 40, 120), null));

        List<FrameTag> tags = tagger.tag(PaddleOcrImages.toRgb(image));

        assertReadsAll(tags, words, image);
    }

    @Test
    void shouldReadWordsOverAPhotoLikeBackground() {
        BufferedImage image = PaddleOcrImages.photoLike(640, 360, 7);
        List<PaddleOcrImages.Word> words = new ArrayList<>();
        words.add(
                PaddleOcrImages.draw(
                        image, "EXIT", 470, 70, 40, Color.WHITE, new Color(0, 130, 60)));
        words.add(PaddleOcrImages.draw(image, "Gate 7", 60, 250, 36, Color.BLACK, null));
        words.add(PaddleOcrImages.draw(image, "2026", 330, 320, 28, Color.YELLOW, Color.DARK_GRAY));

        List<FrameTag> tags = tagger.tag(PaddleOcrImages.toRgb(image));

        assertReadsAll(tags, words, image);
    }

    @Test
    void shouldReadWordsInAFullHdAndInAPortraitFrame() {
        BufferedImage hd = PaddleOcrImages.photoLike(1920, 1080, 3);
        List<PaddleOcrImages.Word> hdWords = new ArrayList<>();
        hdWords.add(
                PaddleOcrImages.draw(
                        hd, "EXIT", 1500, 200, 110, Color.WHITE, new Color(0, 130, 60)));
        hdWords.add(PaddleOcrImages.draw(hd, "Gate 7", 200, 900, 90, Color.BLACK, Color.WHITE));
        assertReadsAll(tagger.tag(PaddleOcrImages.toRgb(hd)), hdWords, hd);

        BufferedImage portrait = PaddleOcrImages.photoLike(360, 640, 5);
        List<PaddleOcrImages.Word> portraitWords = new ArrayList<>();
        portraitWords.add(
                PaddleOcrImages.draw(portrait, "2026", 40, 560, 44, Color.BLACK, Color.WHITE));
        assertReadsAll(tagger.tag(PaddleOcrImages.toRgb(portrait)), portraitWords, portrait);
    }

    @Test
    void shouldFindNoTextWhereThereIsNone() {
        for (long seed = 1; seed <= 4; seed++) {
            RgbImage frame = PaddleOcrImages.toRgb(PaddleOcrImages.photoLike(640, 360, seed));
            assertThat(tagger.tag(frame)).as("photo-like frame, seed %d", seed).isEmpty();
        }
        RgbImage grey = PaddleOcrImages.toRgb(PaddleOcrImages.plain(640, 360, Color.GRAY));
        assertThat(tagger.tag(grey)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 3", "720, 576", "1920, 1080", "360, 640", "33, 2000", "2000, 17"})
    void shouldNotThrowOnOddSizes(int width, int height) {
        BufferedImage image = PaddleOcrImages.photoLike(width, height, width * 31L + height);

        List<FrameTag> tags = tagger.tag(PaddleOcrImages.toRgb(image));

        assertThat(tags).allSatisfy(t -> assertThat(t.kind()).isEqualTo(FrameTag.Kind.TEXT));
    }

    @Test
    void shouldTagARealVtestFrameAndReportItsCost() {
        // frame 200 of shared/data/vtest.avi (OpenCV sample data), pedestrians outdoors
        RgbImage frame = PaddleOcrImages.jpegResource("/tagging/vtest-frame200.jpg");
        assertThat(frame.width()).isEqualTo(768);
        tagger.tag(frame); // warm-up

        long start = System.nanoTime();
        List<FrameTag> tags = tagger.tag(frame);
        double ms = (System.nanoTime() - start) / 1e6;

        System.out.printf("PaddleOcrTagger on vtest frame 200: %.1f ms, tags %s%n", ms, tags);
        assertThat(tags)
                .allSatisfy(
                        t -> {
                            assertThat(t.kind()).isEqualTo(FrameTag.Kind.TEXT);
                            assertThat(t.score()).isGreaterThanOrEqualTo(0.5f);
                        });
    }

    @Test
    void shouldBoundTheLinesReadByMaxLines() {
        BufferedImage image = PaddleOcrImages.plain(640, 360, Color.WHITE);
        for (int i = 0; i < 6; i++) {
            PaddleOcrImages.draw(image, "Gate " + (i + 1), 40, 50 + i * 55, 30, Color.BLACK, null);
        }
        RgbImage frame = PaddleOcrImages.toRgb(image);
        try (PaddleOcrTagger two =
                PaddleOcrTagger.open(PaddleOcrConfig.defaults().withMaxLines(2))) {
            assertThat(tagger.tag(frame)).hasSize(6);
            assertThat(two.tag(frame)).hasSize(2);
            assertThat(two.id()).isEqualTo("ppocr-v4");
        }
    }

    @Test
    void shouldRefuseToTagAfterClose() {
        PaddleOcrTagger closed = PaddleOcrTagger.open(PaddleOcrConfig.defaults());
        closed.close();
        closed.close(); // idempotent
        RgbImage frame = PaddleOcrImages.toRgb(PaddleOcrImages.plain(64, 64, Color.WHITE));
        assertThatThrownBy(() -> closed.tag(frame)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNameTheFieldOfABadSetting() {
        assertThatThrownBy(() -> PaddleOcrConfig.defaults().withMaxLines(0))
                .hasMessageContaining("maxLines");
        assertThatThrownBy(() -> PaddleOcrConfig.defaults().withThresholds(0.3f, 1.5f))
                .hasMessageContaining("boxThreshold");
        assertThatThrownBy(() -> PaddleOcrConfig.defaults().withRecWidths(400, 300))
                .hasMessageContaining("recMinWidth");
    }

    /**
     * Each drawn phrase is read by the tags whose centres lie in its box: their labels, left to
     * right, spell it (the detector may split "Gate 7" into two boxes at the space), and their
     * union overlaps the drawn box.
     */
    private static void assertReadsAll(
            List<FrameTag> tags, List<PaddleOcrImages.Word> words, BufferedImage image) {
        for (PaddleOcrImages.Word word : words) {
            Rectangle r = word.box();
            FrameTag.Box drawn =
                    FrameTag.Box.ofPixels(
                            r.x,
                            r.y,
                            r.x + r.width,
                            r.y + r.height,
                            image.getWidth(),
                            image.getHeight());
            List<FrameTag> over = PaddleOcrImages.over(tags, drawn);
            assertThat(over)
                    .as("tags over '%s' at %s in %s", word.text(), drawn, tags)
                    .isNotEmpty();
            String read = over.stream().map(FrameTag::label).reduce("", String::concat);
            assertThat(PaddleOcrImages.normal(read))
                    .as("text read over '%s' in %s", word.text(), tags)
                    .isEqualTo(PaddleOcrImages.normal(word.text()));
            assertThat(PaddleOcrImages.iou(PaddleOcrImages.union(over), drawn))
                    .as("overlap of '%s' in %s", word.text(), tags)
                    .isGreaterThan(0.4);
            assertThat(over).allSatisfy(t -> assertThat(t.score()).isBetween(0.5f, 1f));
        }
    }
}
