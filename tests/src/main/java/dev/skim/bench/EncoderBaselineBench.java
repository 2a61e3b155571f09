package dev.skim.bench;

import dev.skim.core.encoder.DjlFrameEncoder;
import dev.skim.core.encoder.Encoders;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.TokenGrid;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The yardstick for operator costs: one MobileNetV2 (offline default, 14x14 x 384) encode of a
 * 224x224 frame at batch 1, in the same JMH run as the operator benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncoderBaselineBench {
    private DjlFrameEncoder encoder;
    private RgbImage image;

    @Setup(Level.Trial)
    public void setUp() {
        encoder = Encoders.mobilenetV2();
        byte[] rgb = new byte[224 * 224 * 3];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) ((i / 3 % 224) + rnd.nextInt(32));
        }
        image = new RgbImage(224, 224, rgb);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
    }

    @Benchmark
    public TokenGrid mobilenetV2Encode() {
        return encoder.encode(image);
    }
}
