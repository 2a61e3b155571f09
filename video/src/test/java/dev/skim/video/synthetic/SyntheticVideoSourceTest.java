package dev.skim.video.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import dev.skim.video.synthetic.GroundTruth.Box;
import dev.skim.video.synthetic.GroundTruth.PlantedEvent;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticVideoSourceTest {

    private static final SyntheticSpec SPEC =
            SyntheticSpec.parse(
                    "synthetic:frames=120,fps=12.5,size=320x240,seed=11,scenes=3,events=3");

    private static List<SourceFrame> all(SyntheticSpec spec) {
        List<SourceFrame> frames = new ArrayList<>();
        try (SyntheticVideoSource source = SyntheticVideoSource.of(spec)) {
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
        }
        return frames;
    }

    private static byte[] pixels(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    @Test
    void shouldGiveTheSamePixelsForTheSameSeedAndOthersForAnotherSeed() {
        List<SourceFrame> a = all(SPEC);
        List<SourceFrame> b = all(SPEC);
        List<SourceFrame> c =
                all(
                        SyntheticSpec.parse(
                                "synthetic:frames=120,fps=12.5,size=320x240,seed=12,scenes=3,events=3"));
        assertThat(a).hasSize(120);
        for (int i = 0; i < a.size(); i++) {
            assertThat(pixels(a.get(i).image())).isEqualTo(pixels(b.get(i).image()));
        }
        assertThat(pixels(a.get(0).image())).isNotEqualTo(pixels(c.get(0).image()));
        assertThat(a).extracting(SourceFrame::ptsMillis).startsWith(0L, 80L, 160L);
    }

    @Test
    void shouldShowEachPlantedEventExactlyWhereAndWhenTheGroundTruthSays() {
        List<SourceFrame> frames = all(SPEC);
        GroundTruth truth = SyntheticVideoSource.of(SPEC).groundTruth();
        assertThat(truth.events()).hasSize(3);
        for (PlantedEvent event : truth.events()) {
            assertThat(event.startMillis()).isEqualTo(SPEC.ptsMillis(event.firstFrame()));
            assertThat(event.endMillis()).isEqualTo(SPEC.ptsMillis(event.lastFrame()));
            for (int i = 0; i < frames.size(); i++) {
                assertThat(showsChecker(frames.get(i).image(), event))
                        .as("%s visible at frame %d", event.id(), i)
                        .isEqualTo(event.visibleAt(i));
            }
        }
    }

    /** The event's colour in its box's top-left cell and white in the next cell. */
    private static boolean showsChecker(BufferedImage image, PlantedEvent event) {
        Box box = event.box();
        int cell = Math.max(8, box.width() / 4);
        int dark = image.getRGB(box.x() + cell / 2, box.y() + cell / 2) & 0xFFFFFF;
        int light = image.getRGB(box.x() + cell + cell / 2, box.y() + cell / 2) & 0xFFFFFF;
        return dark == event.rgb() && light == 0xFFFFFF;
    }

    @Test
    void shouldCutScenesWhereTheGroundTruthSays() {
        List<SourceFrame> frames = all(SPEC);
        GroundTruth truth = SyntheticVideoSource.of(SPEC).groundTruth();
        assertThat(truth.sceneCuts())
                .extracting(GroundTruth.SceneCut::frame)
                .containsExactly(40, 80);
        for (GroundTruth.SceneCut cut : truth.sceneCuts()) {
            double atCut =
                    meanDifference(
                            frames.get(cut.frame() - 1).image(), frames.get(cut.frame()).image());
            double within =
                    meanDifference(
                            frames.get(cut.frame()).image(), frames.get(cut.frame() + 1).image());
            assertThat(atCut)
                    .as("change at cut %d vs. within the scene", cut.frame())
                    .isGreaterThan(3 * within);
        }
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        byte[] pa = pixels(a);
        byte[] pb = pixels(b);
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            sum += Math.abs((pa[i] & 0xFF) - (pb[i] & 0xFF));
        }
        return (double) sum / pa.length;
    }

    @Test
    void shouldWriteAndReadGroundTruthAsJson(@TempDir Path temp) {
        GroundTruth truth = SyntheticVideoSource.of(SPEC).groundTruth();
        Path file = temp.resolve("out/events.json");
        truth.writeJson(file);
        assertThat(GroundTruth.readJson(file)).isEqualTo(truth);
    }

    @Test
    void shouldRejectBadSpecsNamingTheProblem() {
        assertThatThrownBy(() -> SyntheticSpec.parse("synthetic:frames=ten"))
                .isInstanceOf(FrameSourceException.class)
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> SyntheticSpec.parse("synthetic:colour=red"))
                .hasMessageContaining("unknown key(s) [colour]");
        assertThatThrownBy(() -> SyntheticSpec.parse("synthetic:size=10x10"))
                .hasMessageContaining("width must be in 32..7680");
        assertThat(SyntheticSpec.parse("synthetic:")).isEqualTo(SyntheticSpec.DEFAULT);
    }

    @Test
    void shouldNotUseAnEventColourForShapes() {
        // Shapes and backgrounds are mid-tones: a pure white cell can only be an event.
        BufferedImage first =
                all(SyntheticSpec.parse("synthetic:frames=1,events=0")).get(0).image();
        boolean anyWhite =
                Arrays.stream(
                                first.getRGB(
                                        0,
                                        0,
                                        first.getWidth(),
                                        first.getHeight(),
                                        null,
                                        0,
                                        first.getWidth()))
                        .anyMatch(rgb -> (rgb & 0xFFFFFF) == 0xFFFFFF);
        assertThat(anyWhite).isFalse();
        assertThat(new Color(first.getRGB(0, 0)).getRed()).isBetween(60, 170);
    }
}
