package dev.skim.core.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DB box extraction and CTC decoding on hand-made maps, without the models. */
class PaddleOcrPostprocessTest {

    private final PaddleOcrDetector detector =
            new PaddleOcrDetector(null, PaddleOcrConfig.defaults());

    @Test
    void shouldRoundTheDetectorInputToMultiplesOf32UnderTheLimit() {
        assertThat(PaddleOcrDetector.inputSize(768, 576, 640)).containsExactly(640, 480);
        assertThat(PaddleOcrDetector.inputSize(640, 360, 640)).containsExactly(640, 352);
        assertThat(PaddleOcrDetector.inputSize(1, 1, 640)).containsExactly(32, 32);
        assertThat(PaddleOcrDetector.inputSize(33, 2000, 640)).containsExactly(32, 640);
    }

    @Test
    void shouldGrowAKernelByAreaTimesRatioOverPerimeter() {
        int w = 64;
        int h = 32;
        float[] prob = new float[w * h];
        // a 20 x 6 kernel at (10, 10), probability 0.9; the 2 x 2 dilation adds a column and a row
        for (int y = 10; y < 16; y++) {
            for (int x = 10; x < 30; x++) {
                prob[y * w + x] = 0.9f;
            }
        }

        List<PaddleOcrDetector.Box> boxes = detector.boxes(prob, w, h, 2f, 2f, 128, 64);

        assertThat(boxes).hasSize(1);
        PaddleOcrDetector.Box box = boxes.get(0);
        double d = 21.0 * 7 * 1.6 / (2 * (21 + 7)); // the dilated component is 21 x 7
        assertThat((double) box.x0()).isCloseTo((10 - d) * 2, within(1e-3));
        assertThat((double) box.y0()).isCloseTo((10 - d) * 2, within(1e-3));
        assertThat((double) box.x1()).isCloseTo((31 + d) * 2, within(1e-3));
        assertThat((double) box.y1()).isCloseTo((17 + d) * 2, within(1e-3));
        // 120 pixels at 0.9 and 27 dilated ones at 0
        assertThat((double) box.score()).isCloseTo(0.9 * 120 / 147, within(1e-4));
    }

    @Test
    void shouldDropFaintAndThinRegions() {
        int w = 64;
        int h = 32;
        float[] prob = new float[w * h];
        for (int x = 5; x < 60; x++) {
            prob[2 * w + x] = 0.9f; // one pixel high: 2 after dilation, under the minimum of 3
        }
        for (int y = 10; y < 20; y++) {
            for (int x = 10; x < 40; x++) {
                prob[y * w + x] = 0.35f; // above the binary threshold, under the box threshold
            }
        }

        assertThat(detector.boxes(prob, w, h, 1f, 1f, 64, 32)).isEmpty();
    }

    @Test
    void shouldMergeRepeatsAndDropBlanksWhenDecoding() {
        String[] classes = {"", "E", "X", "I", "T", " "};
        PaddleOcrRecognizer recognizer =
                new PaddleOcrRecognizer(null, PaddleOcrConfig.defaults(), classes);
        // E E blank X I I blank T: "EXIT"; "E" "E" with a blank between would be "EE"
        int[] best = {1, 1, 0, 2, 3, 3, 0, 4};
        float[] probs = new float[best.length * classes.length];
        for (int t = 0; t < best.length; t++) {
            probs[t * classes.length + best[t]] = t == 0 ? 0.6f : 1f;
        }

        PaddleOcrRecognizer.Line line = recognizer.decode(probs, 0, best.length);

        assertThat(line.text()).isEqualTo("EXIT");
        assertThat((double) line.score()).isCloseTo((0.6 + 1 + 1 + 1) / 4, within(1e-6));
        assertThat(recognizer.decode(new float[3 * classes.length], 0, 3)).isNull(); // all blank
    }
}
