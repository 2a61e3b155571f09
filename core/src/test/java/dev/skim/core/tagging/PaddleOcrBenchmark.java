package dev.skim.core.tagging;

import dev.skim.core.encoder.RgbImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Cost per frame of {@link PaddleOcrTagger} (a benchmark, not a test): median and 90th percentile
 * over {@code runs} calls after {@code warmup} untimed ones, one ONNX Runtime thread, on a 640x360
 * frame with three lines of text and on a vtest.avi frame (768x576), for the defaults and a few
 * alternatives. Detection alone is timed too.
 *
 * <pre>
 * ./mvnw -q -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp core/target/test-classes:core/target/classes:$(cat /tmp/cp.txt) \
 *     dev.skim.core.tagging.PaddleOcrBenchmark [runs=30] [warmup=5]
 * </pre>
 */
public final class PaddleOcrBenchmark {

    private PaddleOcrBenchmark() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(
                "load average %.1f, cores=%d runs=%d warmup=%d java=%s%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(),
                runs,
                warmup,
                System.getProperty("java.version"));
        RgbImage text = textFrame();
        RgbImage vtest = PaddleOcrImages.jpegResource("/tagging/vtest-frame200.jpg");
        PaddleOcrConfig d = PaddleOcrConfig.defaults();
        List<PaddleOcrConfig> configs =
                List.of(
                        d,
                        d.withDetLimitSide(480),
                        d.withDetLimitSide(960),
                        d.withRecWidths(0, 1280),
                        d.withRecBatch(1).withRecWidths(0, 1280));
        for (PaddleOcrConfig config : configs) {
            try (PaddleOcrTagger tagger = PaddleOcrTagger.open(config);
                    OcrOnnxModel detModel =
                            OcrOnnxModel.load(
                                    PaddleOcrDetector.MODEL,
                                    PaddleOcrDetector.MODEL_SHA256,
                                    config.intraOpThreads())) {
                PaddleOcrDetector detector = new PaddleOcrDetector(detModel, config);
                for (var named :
                        List.of(new Named("text640x360", text), new Named("vtest768x576", vtest))) {
                    List<FrameTag> tags = tagger.tag(named.image());
                    double[] all = time(() -> tagger.tag(named.image()), runs, warmup);
                    double[] det = time(() -> detector.detect(named.image()), runs, warmup);
                    System.out.printf(
                            "%-13s det=%4d lines=%2d recMin=%3d batch=%d threads=%d: median %6.1f ms"
                                    + " (min %6.1f, p90 %6.1f), detection alone %6.1f ms, %d tags %s%n",
                            named.name(),
                            config.detLimitSide(),
                            config.maxLines(),
                            config.recMinWidth(),
                            config.recBatch(),
                            config.intraOpThreads(),
                            all[0],
                            all[2],
                            all[1],
                            det[0],
                            tags.size(),
                            tags.stream().map(FrameTag::label).toList());
                }
            }
        }
    }

    private record Named(String name, RgbImage image) {}

    static RgbImage textFrame() {
        BufferedImage image = PaddleOcrImages.photoLike(640, 360, 11);
        PaddleOcrImages.draw(image, "EXIT", 470, 70, 40, Color.WHITE, new Color(0, 130, 60));
        PaddleOcrImages.draw(image, "Gate 7", 60, 250, 36, Color.BLACK, null);
        PaddleOcrImages.draw(image, "2026", 330, 320, 28, Color.YELLOW, Color.DARK_GRAY);
        return PaddleOcrImages.toRgb(image);
    }

    /** Median, 90th percentile and minimum in ms. */
    private static double[] time(Runnable body, int runs, int warmup) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[(int) Math.floor(runs * 0.9)], ms[0]};
    }
}
