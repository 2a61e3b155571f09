package dev.skim.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.compression.Provenance;
import dev.skim.core.encoder.EncoderConfig;
import dev.skim.core.encoder.EncoderFactory;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import dev.skim.video.SourceFrame;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Spatial needles: where they are pasted, and the patch-level scores. */
class SpatialNeedlesTest {
    static final String VIDEO = "synthetic:frames=60,fps=10,size=192x128,seed=3,scenes=1,events=0";
    static final int ROWS = 8;
    static final int COLS = 8;
    static final int DIM = 6;
    static final int FRAMES = 20;

    /** The classical encoder, remembering every image it was given. */
    static final class Recording implements FrameEncoder {
        final FrameEncoder inner = EncoderFactory.create(EncoderConfig.of("classical"));
        final List<RgbImage> images = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public int rows() {
            return inner.rows();
        }

        @Override
        public int cols() {
            return inner.cols();
        }

        @Override
        public int dim() {
            return inner.dim();
        }

        @Override
        public List<TokenGrid> encodeBatch(List<RgbImage> batch) {
            images.addAll(batch);
            return inner.encodeBatch(batch);
        }
    }

    @Test
    void shouldPlanEveryKindInSeparateSlicesDeterministically() {
        List<SpatialNeedlePlan.Planned> plan = SpatialNeedlePlan.plan(3, 800, 42);
        assertThat(plan).hasSize(12).isEqualTo(SpatialNeedlePlan.plan(3, 800, 42));
        assertThat(plan).isNotEqualTo(SpatialNeedlePlan.plan(3, 800, 43));
        for (int area : SpatialNeedlePlan.AREAS) {
            for (int length : SpatialNeedlePlan.LENGTHS) {
                assertThat(plan)
                        .filteredOn(p -> p.area() == area && p.length() == length)
                        .hasSize(3);
            }
        }
        for (int i = 0; i < plan.size(); i++) {
            SpatialNeedlePlan.Planned p = plan.get(i);
            assertThat(p.id()).isEqualTo(i);
            assertThat(p.firstFrame()).isBetween(1, 799 - p.length() + 1);
            if (i > 0) {
                SpatialNeedlePlan.Planned before = plan.get(i - 1);
                assertThat(p.firstFrame())
                        .isGreaterThanOrEqualTo(before.firstFrame() + before.length());
            }
        }
        // too short for 10-frame needles in 8 slices: only the 1-frame ones
        assertThat(SpatialNeedlePlan.plan(2, 40, 1)).allMatch(p -> p.length() == 1).hasSize(4);
    }

    @Test
    void shouldCoverAboutOneSixteenthAndOneSixtyFourthOfTheFrameAndTheCellsUnderIt() {
        SpatialNeedlePlan.Rect r16 =
                new SpatialNeedlePlan.Planned(0, 16, 1, 1, 0, 0).rect(768, 576);
        assertThat(r16).isEqualTo(new SpatialNeedlePlan.Rect(0, 0, 192, 144));
        // 10 px cells; 36 px = 3.6 cells: column 3 is 60% under it, cell (3, 3) only 36%
        assertThat(new SpatialNeedlePlan.Rect(0, 0, 36, 36).cells(140, 140, 14, 14))
                .containsExactly(0, 1, 2, 3, 14, 15, 16, 17, 28, 29, 30, 31, 42, 43, 44);
        SpatialNeedlePlan.Rect r64 =
                new SpatialNeedlePlan.Planned(0, 64, 1, 1, 0.999, 0.999).rect(768, 576);
        assertThat(r64).isEqualTo(new SpatialNeedlePlan.Rect(768 - 96, 576 - 72, 96, 72));
        // 1.75 cells at the bottom-right corner: columns and rows 12 (3/4 under it) and 13 (full)
        assertThat(r64.cells(768, 576, 14, 14)).containsExactly(180, 181, 194, 195);
        // a needle smaller than half a cell still has its one cell
        assertThat(new SpatialNeedlePlan.Rect(60, 60, 5, 5).cells(140, 140, 14, 14))
                .containsExactly(6 * 14 + 6);
    }

    @Test
    void shouldPasteTheNeedleIntoTheVideosOwnFramesWhereThePlanSays() {
        Recording encoder = new Recording();
        VideoReader reader =
                new VideoReader(
                        new VideoReader.Settings(0, 0, List.of(), 1, 9, 4),
                        Progress.Factory.of(false, System.err));
        EncodedVideo video = reader.read(VideoInput.open(VIDEO, null), encoder);
        List<BufferedImage> source = new ArrayList<>();
        SyntheticVideoSource again = SyntheticVideoSource.of(SyntheticSpec.parse(VIDEO));
        for (Optional<SourceFrame> f = again.next(); f.isPresent(); f = again.next()) {
            source.add(f.get().image());
        }
        // the encoder got one warm-up image, then every frame of the stream
        List<RgbImage> seen = encoder.images.subList(1, encoder.images.size());
        assertThat(seen).hasSize(60);
        assertThat(video.frames()).hasSize(60);

        List<SpatialNeedlePlan.Planned> plan = SpatialNeedlePlan.plan(1, 60, 9);
        assertThat(video.spatialNeedles()).hasSize(4);
        boolean[] pasted = new boolean[60];
        for (SpatialNeedle n : video.spatialNeedles()) {
            SpatialNeedlePlan.Planned p = plan.get(n.id());
            SpatialNeedlePlan.Rect r = p.rect(192, 128);
            assertThat(List.of(n.x(), n.y(), n.width(), n.height()))
                    .containsExactly(r.x(), r.y(), r.width(), r.height());
            assertThat(n.width() * n.height() * n.area())
                    .isCloseTo(192 * 128, within(192 * 128 / 10));
            assertThat(n.frames())
                    .containsExactlyElementsOf(
                            IntStream.range(p.firstFrame(), p.firstFrame() + p.length())
                                    .boxed()
                                    .toList());
            assertThat(n.cells()).isEqualTo(r.cells(192, 128, 14, 14));
            RgbImage picture =
                    Images.rgb(
                            Images.resized(
                                    NeedleImages.generatedSpatial(n.id(), 9, n.width(), n.height())
                                            .image(),
                                    n.width(),
                                    n.height()));
            for (int f : n.frames()) {
                pasted[f] = true;
                RgbImage got = seen.get(f);
                RgbImage original = Images.rgb(source.get(f));
                int inside = 0;
                int differs = 0;
                int wrong = 0;
                for (int y = 0; y < 128; y++) {
                    for (int x = 0; x < 192; x++) {
                        boolean in =
                                x >= n.x()
                                        && x < n.x() + n.width()
                                        && y >= n.y()
                                        && y < n.y() + n.height();
                        RgbImage want = in ? picture : original;
                        int wx = in ? x - n.x() : x;
                        int wy = in ? y - n.y() : y;
                        wrong += rgb(got, x, y) != rgb(want, wx, wy) ? 1 : 0;
                        if (in) {
                            inside++;
                            differs += rgb(original, x, y) != rgb(got, x, y) ? 1 : 0;
                        }
                    }
                }
                assertThat(wrong).as("pixels of frame %d not as planned", f).isZero();
                assertThat(inside).isEqualTo(n.width() * n.height());
                // the picture really changed the frame there
                assertThat(differs).isGreaterThan(inside / 2);
            }
        }
        for (int f = 0; f < 60; f++) {
            if (!pasted[f]) {
                assertThat(seen.get(f).rgb())
                        .as("frame %d untouched", f)
                        .isEqualTo(Images.rgb(source.get(f)).rgb());
            }
        }
    }

    private static int rgb(RgbImage image, int x, int y) {
        return (image.red(x, y) << 16) | (image.green(x, y) << 8) | image.blue(x, y);
    }

    /**
     * 20 frames of 8x8 tokens: background near one direction, needle 0 on frame 5 (cells 9, 10, 17,
     * 18), needle 1 on frames 11..13 (cell 45), each needle patch a direction of its own.
     */
    static EncodedVideo video() {
        SplittableRandom random = new SplittableRandom(5);
        List<EncodedFrame> frames = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            List<Token> tokens = new ArrayList<>();
            for (int row = 0; row < ROWS; row++) {
                for (int col = 0; col < COLS; col++) {
                    int cell = row * COLS + col;
                    float[] v = new float[DIM];
                    v[0] = 1f;
                    v[1] = 0.2f * (float) random.nextDouble();
                    v[2] = 0.2f * (float) random.nextDouble();
                    if (f == 5 && (cell == 9 || cell == 10 || cell == 17 || cell == 18)) {
                        v[3] = 2f + cell / 10f;
                        v[4] = 1f;
                    }
                    if (f >= 11 && f <= 13 && cell == 45) {
                        v[5] = 3f;
                    }
                    tokens.add(Token.patch(v, f, row, col));
                }
            }
            frames.add(new EncodedFrame(f, f * 100L, tokens, null, null, -1, 4_000_000));
        }
        List<SpatialNeedle> needles =
                List.of(
                        new SpatialNeedle(
                                0, "a", 16, 1, 0, 0, 2, 2, List.of(5), List.of(9, 10, 17, 18)),
                        new SpatialNeedle(
                                1, "b", 64, 3, 0, 0, 1, 1, List.of(11, 12, 13), List.of(45)));
        return new EncodedVideo(
                "test", "test", ROWS, COLS, DIM, frames, List.of(), List.of(), needles, List.of(),
                false, 0);
    }

    static MethodRun run(EncodedVideo video, java.util.function.IntFunction<Provenance> perFrame) {
        List<FrameOutput> out = new ArrayList<>();
        for (EncodedFrame f : video.frames()) {
            Provenance w = perFrame.apply(f.index());
            out.add(new FrameOutput(w.apply(f.tokens()), w, 1_000_000, null, false));
        }
        return new MethodRun(new MethodId(MethodId.Kind.CHAIN, "t", null, "t"), out);
    }

    @Test
    void shouldScoreOneWhenEveryTokenIsKeptAndDropWhenTheFrameIsPooledToOneToken() {
        EncodedVideo video = video();
        Metrics metrics = new Metrics(0, 0.5, false);
        MethodResult all =
                metrics.measure(
                        video,
                        new GridPoolingBaseline(BaselinesTest.CHAIN, FRAMES * 64L)
                                .run(video, Progress.none()));
        MethodResult one =
                metrics.measure(
                        video,
                        new GridPoolingBaseline(BaselinesTest.CHAIN, FRAMES)
                                .run(video, Progress.none()));
        for (MethodResult.SpatialNeedleResult r : all.spatialNeedles()) {
            assertThat(r.recallAt1()).isEqualTo(1.0);
            assertThat(r.patchCoverage()).isCloseTo(1.0, within(1e-5));
        }
        assertThat(all.spatialArea(16).recallAt1()).isEqualTo(1.0);
        assertThat(all.spatialArea(64).patchCoverage()).isCloseTo(1.0, within(1e-5));
        assertThat(one.tokensPerFrame()).isEqualTo(1.0);
        for (MethodResult.SpatialNeedleResult r : one.spatialNeedles()) {
            assertThat(r.recallAt1()).as("needle %d", r.id()).isZero();
            assertThat(r.patchCoverage()).as("needle %d", r.id()).isLessThan(0.9);
        }
        assertThat(one.spatial())
                .filteredOn(s -> s.needles() > 0)
                .hasSize(3)
                .extracting(MethodResult.SpatialSummary::recallAt1)
                .containsOnly(0.0);
    }

    @Test
    void shouldMissTheNeedleWhenOnlyItsPatchesAreDropped() {
        EncodedVideo video = video();
        int[] allButNeedles =
                IntStream.range(0, 64)
                        .filter(c -> c != 9 && c != 10 && c != 17 && c != 18 && c != 45)
                        .toArray();
        MethodRun run = run(video, f -> Provenance.select(64, allButNeedles));
        MethodResult r = new Metrics(0, 0.5, false).measure(video, run);
        assertThat(r.spatialNeedles())
                .extracting(MethodResult.SpatialNeedleResult::hits)
                .containsOnly(0);
        assertThat(r.spatialNeedles().get(0).queries()).isEqualTo(4);
        // everything else is still there
        assertThat(r.coverage()).isGreaterThan(0.95);
        for (MethodResult.SpatialNeedleResult s : r.spatialNeedles()) {
            assertThat(s.patchCoverage()).isLessThan(0.9);
        }
        // a 10-frame needle kept on one of its frames only is still found and covered
        MethodRun once =
                run(
                        video,
                        f ->
                                f == 12
                                        ? Provenance.identity(64)
                                        : Provenance.select(64, allButNeedles));
        MethodResult.SpatialNeedleResult b =
                new Metrics(0, 0.5, false).measure(video, once).spatialNeedles().get(1);
        assertThat(b.recallAt1()).isEqualTo(1.0);
        assertThat(b.patchCoverage()).isGreaterThan(0.99);
    }

    @Test
    void shouldCentreOnTheVideosMeanTokenLeavingWholeFrameNeedlesOut() {
        float[] c = {5f, 5f, 5f};
        float[][] d = {{1, 0, 0}, {-1, 0, 0}, {0, 2, 0}, {0, -2, 0}};
        List<EncodedFrame> frames = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            List<Token> tokens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                float[] v = c.clone();
                for (int k = 0; k < 3; k++) {
                    v[k] += d[i][k] * (f + 1);
                }
                tokens.add(Token.patch(v, f, i / 2, i % 2));
            }
            frames.add(new EncodedFrame(f, f * 100L, tokens, null, null, -1, 1_000_000));
        }
        List<Token> needle = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            needle.add(Token.patch(new float[] {100f, 0f, 0f}, 2, i / 2, i % 2));
        }
        frames.add(new EncodedFrame(2, 200L, needle, null, null, 0, 1_000_000));
        EncodedVideo video =
                new EncodedVideo(
                        "t", "t", 2, 2, 3, frames, List.of(), List.of(), List.of(), List.of(),
                        false, 0);

        Centring centred = Centring.of(video);
        assertThat(centred.mean()).containsExactly(5f, 5f, 5f);
        float[] a = frames.get(0).tokens().get(0).vector();
        float[] b = frames.get(0).tokens().get(1).vector();
        float[] e = frames.get(1).tokens().get(2).vector();
        assertThat(Centring.NONE.cosine(a, b)).isGreaterThan(0.9);
        assertThat(centred.cosine(a, b)).isCloseTo(-1.0, within(1e-6));
        assertThat(centred.cosine(a, e)).isCloseTo(0.0, within(1e-6));
        assertThat(centred.shift(a)).containsExactly(1f, 0f, 0f);

        // one token per frame: the frame's mean, which is the video's mean for frames 0 and 1
        MethodRun pooled = run(video, f -> GridPoolingBaseline.pool(2, 2, 1));
        double plain = new Metrics(0, 0.5, false).measure(video, pooled).coverage();
        double centredCoverage = new Metrics(0, 0.5, true).measure(video, pooled).coverage();
        assertThat(plain).isGreaterThan(0.9);
        // frames 0 and 1: the kept token centred is zero (cosine 0); the needle frame keeps 1
        assertThat(centredCoverage).isCloseTo(1.0 / 3, within(1e-3));
    }

    @Test
    void shouldReportTheMethodsCostAsAShareOfTheEncoder() {
        EncodedVideo video = video();
        // 1 ms of method per frame against 4 ms of encoder
        MethodResult r =
                new Metrics(0, 0.5, false).measure(video, run(video, f -> Provenance.identity(64)));
        assertThat(r.encodeMsPerFrame()).isEqualTo(4.0);
        assertThat(r.methodMsPerFrame()).isEqualTo(1.0);
        assertThat(r.costPercentOfEncoder()).isEqualTo(25.0);
        assertThat(Metrics.costPercent(3, 0)).isNull();

        EvalReport report =
                new EvalReport(
                        "test",
                        "test",
                        ROWS,
                        COLS,
                        DIM,
                        FRAMES,
                        0,
                        10,
                        1,
                        new EvalReport.Settings(List.of("t"), List.of(4), 0, 0.5, true),
                        List.of(),
                        video.spatialNeedles(),
                        0,
                        false,
                        List.of(),
                        List.of(new Comparison("t", 4, r, r, r, null)),
                        List.of());
        java.io.StringWriter text = new java.io.StringWriter();
        ReportTable.print(report, new java.io.PrintWriter(text));
        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(0)).contains("cosine: CENTRED");
        List<String> header = cells(lines.get(2));
        List<String> row = cells(lines.get(4));
        assertThat(row.get(header.indexOf("cost % enc"))).isEqualTo("25.0");
        assertThat(row.get(header.indexOf("s16/s64 R@1"))).isEqualTo("1.00/1.00");
        assertThat(row.get(header.indexOf("s16/s64 patch cov"))).isEqualTo("1.000/1.000");
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.split("\\|")) {
            out.add(c.trim());
        }
        return out;
    }
}
