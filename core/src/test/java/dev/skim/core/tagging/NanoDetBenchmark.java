package dev.skim.core.tagging;

import dev.skim.core.encoder.RgbImage;
import java.util.Arrays;

/**
 * Cost of {@link NanoDetTagger#tag} per frame (a benchmark, not a test): one thread, the vtest
 * frame fixture (768x576), 10 untimed calls then N timed ones, median and persons found, for each
 * input side given.
 *
 * <pre>
 * ./mvnw -q -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp core/target/test-classes:core/target/classes:$(cat /tmp/cp.txt) \
 *     dev.skim.core.tagging.NanoDetBenchmark [frames=60] [sides=416,320]
 * </pre>
 */
public final class NanoDetBenchmark {

    private NanoDetBenchmark() {}

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int[] sides =
                Arrays.stream((args.length > 1 ? args[1] : "416,320").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        RgbImage frame = NanoDetImages.jpegResource("/tagging/nanodet-vtest400.jpg");
        for (int side : sides) {
            try (NanoDetTagger tagger =
                    NanoDetTagger.open(NanoDetConfig.defaults().withInputSide(side))) {
                for (int i = 0; i < 10; i++) {
                    tagger.tag(frame);
                }
                double[] ms = new double[frames];
                long persons = 0;
                for (int i = 0; i < frames; i++) {
                    long start = System.nanoTime();
                    persons =
                            tagger.tag(frame).stream()
                                    .filter(t -> t.label().equals("person"))
                                    .count();
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf(
                        "side %d (canvas for 768x576: %s): median %.1f ms, min %.1f, p90 %.1f over %d"
                                + " frames; %d persons%n",
                        side,
                        NanoDetTagger.Letterbox.of(768, 576, side),
                        ms[frames / 2],
                        ms[0],
                        ms[(int) (frames * 0.9)],
                        frames,
                        persons);
            }
        }
    }
}
