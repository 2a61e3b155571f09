package dev.skim.core.encoder;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encoder throughput (a benchmark, not a test): frames/s at batch 1, 4 and 8 for the classical and
 * the MobileNetV2 encoder, and the DJL path against a bare ONNX Runtime session on the same model,
 * same input tensor, same threads, in the same run (interleaved rounds, median reported).
 *
 * <pre>
 * ./mvnw -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp core/target/test-classes:core/target/classes:$(cat /tmp/cp.txt) \
 *     dev.skim.core.encoder.EncoderBenchmark [threads=2] [rounds=5] [itersPerRound=20]
 * </pre>
 */
public final class EncoderBenchmark {

    private EncoderBenchmark() {}

    /** One timed call. */
    private interface Body {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int iters = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        System.out.printf(
                "cores=%d threads=%d rounds=%d iters/round=%d java=%s%n",
                Runtime.getRuntime().availableProcessors(),
                threads,
                rounds,
                iters,
                System.getProperty("java.version"));
        List<RgbImage> frames = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            frames.add(TestImages.pattern(640, 360, i));
        }
        int[] batches = {1, 4, 8};

        System.out.println("load average before: " + loadAverage());
        ClassicalPatchEncoder classical = new ClassicalPatchEncoder();
        for (int b : batches) {
            List<RgbImage> batch = frames.subList(0, b);
            report(
                    "classical-v1-14x14",
                    b,
                    rounds(rounds, iters, () -> classical.encodeBatch(batch)));
        }

        DjlEncoderConfig config =
                Encoders.mobilenetV2Config().optIntraOpThreads(threads).optMaxBatch(8).build();
        try (DjlFrameEncoder encoder = DjlFrameEncoder.open(config);
                ModelFile file = ModelFile.resolve(config);
                ZooModel<TensorTranslator.Input, TensorTranslator.Output> model =
                        Criteria.builder()
                                .setTypes(
                                        TensorTranslator.Input.class, TensorTranslator.Output.class)
                                .optEngine("OnnxRuntime")
                                .optModelPath(file.path())
                                .optTranslator(new TensorTranslator("input"))
                                .optOption("interOpNumThreads", "1")
                                .optOption("intraOpNumThreads", Integer.toString(threads))
                                .build()
                                .loadModel();
                Predictor<TensorTranslator.Input, TensorTranslator.Output> predictor =
                        model.newPredictor();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setInterOpNumThreads(1);
            options.setIntraOpNumThreads(threads);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(file.path().toString(), options)) {
                ImagePreprocessor pre = new ImagePreprocessor(config);
                for (int b : batches) {
                    List<RgbImage> batch = frames.subList(0, b);
                    float[] input = pre.toTensor(batch);
                    long[] shape = pre.shape(b);
                    double[] full = new double[rounds];
                    double[] djl = new double[rounds];
                    double[] bare = new double[rounds];
                    double[] djlCpu = new double[rounds];
                    double[] bareCpu = new double[rounds];
                    // interleave the paths so load from other processes hits all alike;
                    // round -1 is a warm-up
                    for (int r = -1; r < rounds; r++) {
                        double f = time(iters, () -> encoder.encodeBatch(batch));
                        double d =
                                time(
                                        iters,
                                        () ->
                                                predictor.predict(
                                                        new TensorTranslator.Input(input, shape)));
                        double dCpu = lastCpuMs;
                        double o = time(iters, () -> bareRun(env, session, input, shape));
                        if (r >= 0) {
                            full[r] = f;
                            djl[r] = d;
                            bare[r] = o;
                            djlCpu[r] = dCpu;
                            bareCpu[r] = lastCpuMs;
                        }
                    }
                    report("mobilenetv2 DjlFrameEncoder (resize+model+tokens)", b, full);
                    report("mobilenetv2 DJL predict (same tensor)", b, djl);
                    report("mobilenetv2 bare ORT session (same tensor)", b, bare);
                    System.out.printf(
                            "    DJL overhead at batch %d: %+.1f%% (best rounds), %+.1f%% (median"
                                    + " rounds)%n",
                            b,
                            100 * (min(djl) - min(bare)) / min(bare),
                            100 * (median(djl) - median(bare)) / median(bare));
                    System.out.printf(
                            "    process CPU per frame at batch %d: DJL %.2f ms, bare ORT %.2f ms"
                                    + " (median rounds): %+.1f%%%n",
                            b,
                            median(djlCpu) / b,
                            median(bareCpu) / b,
                            100 * (median(djlCpu) - median(bareCpu)) / median(bareCpu));
                }
            }
        }
        System.out.println("load average after: " + loadAverage());
    }

    private static List<float[]> bareRun(
            OrtEnvironment env, OrtSession session, float[] input, long[] shape)
            throws ai.onnxruntime.OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result result = session.run(Map.of("input", tensor))) {
            List<float[]> out = new ArrayList<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer buffer = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] copy = new float[buffer.remaining()];
                buffer.get(copy);
                out.add(copy);
            }
            return out;
        }
    }

    /** Best and median round: the best is the least disturbed by other processes. */
    private static void report(String what, int batch, double[] msPerBatch) {
        double best = min(msPerBatch);
        double median = median(msPerBatch);
        System.out.printf(
                "%-50s batch %d: best %7.2f ms/frame %6.1f frames/s | median %7.2f ms/frame %6.1f"
                        + " frames/s%n",
                what,
                batch,
                best / batch,
                1000.0 * batch / best,
                median / batch,
                1000.0 * batch / median);
    }

    private static double[] rounds(int rounds, int iters, Body body) throws Exception {
        time(iters, body); // warm-up round
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ms[r] = time(iters, body);
        }
        return ms;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Process CPU milliseconds per call of the last {@link #time} (all threads, ORT's too). */
    private static double lastCpuMs;

    /** Mean wall milliseconds per call over {@code iters} calls. */
    private static double time(int iters, Body body) throws Exception {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            body.run();
        }
        double wall = (System.nanoTime() - start) / 1e6 / iters;
        lastCpuMs = (OS.getProcessCpuTime() - cpu) / 1e6 / iters;
        return wall;
    }
}
