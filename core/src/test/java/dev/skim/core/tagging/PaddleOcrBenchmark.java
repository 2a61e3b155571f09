package dev.skim.core.tagging;

import dev.skim.core.encoder.DjlTensorModel;
import dev.skim.core.encoder.RgbImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Cost per frame of {@link PaddleOcrTagger} (a benchmark, not a test): median and 90th percentile
 * (wall clock and the thread's CPU time) over {@code runs} calls after {@code warmup} untimed ones,
 * one ONNX Runtime thread, on a 640x360 frame with three lines of text and on a vtest.avi frame
 * (768x576), for the defaults and a few alternatives. Detection alone is timed too.
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
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
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
                        d.withRecWidths(320, 1280),
                        d.withRecWidths(160, 1280),
                        d.withRecBatch(1));
        for (PaddleOcrConfig config : configs) {
            try (PaddleOcrTagger tagger = PaddleOcrTagger.open(config);
                    DjlTensorModel detModel =
                            PaddleOcrTagger.model(
                                    PaddleOcrDetector.MODEL,
                                    PaddleOcrDetector.MODEL_SHA256,
                                    config)) {
                PaddleOcrDetector detector = new PaddleOcrDetector(detModel, config);
                int[] acc = accuracy(tagger, 20);
                System.out.printf(
                        "accuracy det=%d recMin=%d batch=%d: %d of %d phrases read%n",
                        config.detLimitSide(),
                        config.recMinWidth(),
                        config.recBatch(),
                        acc[0],
                        acc[1]);
                for (var named :
                        List.of(new Named("text640x360", text), new Named("vtest768x576", vtest))) {
                    List<FrameTag> tags = tagger.tag(named.image());
                    double[] all = time(() -> tagger.tag(named.image()), runs, warmup);
                    double[] det = time(() -> detector.detect(named.image()), runs, warmup);
                    System.out.printf(
                            "%-13s det=%4d lines=%2d recMin=%3d batch=%d threads=%d: wall median %6.1f ms"
                                    + " (min %6.1f, p90 %6.1f), CPU median %6.1f ms; detection"
                                    + " alone: wall %6.1f, CPU %6.1f ms; %d tags %s%n",
                            named.name(),
                            config.detLimitSide(),
                            config.maxLines(),
                            config.recMinWidth(),
                            config.recBatch(),
                            config.intraOpThreads(),
                            all[0],
                            all[2],
                            all[1],
                            all[3],
                            det[0],
                            det[3],
                            tags.size(),
                            tags.stream().map(FrameTag::label).toList());
                }
            }
        }
    }

    private record Named(String name, RgbImage image) {}

    private static final String[] WORDS = {
        "EXIT", "Gate 7", "2026", "Platform 3", "NO ENTRY", "Pharmacy", "Sale 50%", "Level B2",
        "Toilets", "Departures", "Arrivals", "Open 24h", "Parking", "Bus 42", "Coffee", "Push",
        "Pull", "Info", "Lift", "Stop"
    };

    private static final String[] FONTS = {
        "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Liberation Sans"
    };

    /**
     * Phrases read correctly (case and spaces ignored, the tags over the phrase's box joined left
     * to right) out of {@code frames} x 3 drawn on photo-like 640x360 frames at 14 to 60 px, in
     * four fonts, dark on the background or light on a plate.
     */
    static int[] accuracy(PaddleOcrTagger tagger, int frames) {
        java.util.Random random = new java.util.Random(2026);
        int read = 0;
        int drawn = 0;
        for (int f = 0; f < frames; f++) {
            BufferedImage image = PaddleOcrImages.photoLike(640, 360, 100 + f);
            List<PaddleOcrImages.Word> words = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String text = WORDS[random.nextInt(WORDS.length)];
                int size = 14 + random.nextInt(47);
                boolean plate = random.nextBoolean();
                java.awt.Font font =
                        new java.awt.Font(
                                FONTS[random.nextInt(FONTS.length)], java.awt.Font.BOLD, size);
                int x = 20 + random.nextInt(Math.max(1, 640 - 40 - size * text.length() * 2 / 3));
                int y = 20 + i * 115 + size + random.nextInt(Math.max(1, 100 - size));
                words.add(
                        PaddleOcrImages.draw(
                                image,
                                text,
                                font,
                                x,
                                y,
                                plate ? Color.WHITE : new Color(20, 20, 30),
                                plate ? new Color(30 + random.nextInt(60), 90, 40) : null));
            }
            List<FrameTag> tags = tagger.tag(PaddleOcrImages.toRgb(image));
            for (PaddleOcrImages.Word word : words) {
                drawn++;
                if (PaddleOcrImages.readOver(tags, word, 640, 360)) {
                    read++;
                }
            }
        }
        return new int[] {read, drawn};
    }

    static RgbImage textFrame() {
        BufferedImage image = PaddleOcrImages.photoLike(640, 360, 11);
        PaddleOcrImages.draw(image, "EXIT", 470, 70, 40, Color.WHITE, new Color(0, 130, 60));
        PaddleOcrImages.draw(image, "Gate 7", 60, 250, 36, Color.BLACK, null);
        PaddleOcrImages.draw(image, "2026", 330, 320, 28, Color.YELLOW, Color.DARK_GRAY);
        return PaddleOcrImages.toRgb(image);
    }

    /**
     * Wall-clock median, 90th percentile and minimum, and the median CPU time of this thread, in
     * ms. With one intra-op thread ONNX Runtime computes on the calling thread, so the CPU time is
     * the cost without the time spent waiting for a core on a shared machine.
     */
    private static double[] time(Runnable body, int runs, int warmup) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        return new double[] {ms[runs / 2], ms[(int) Math.floor(runs * 0.9)], ms[0], cpu[runs / 2]};
    }
}
