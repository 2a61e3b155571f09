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

        ClassicalPatchEncoder classical = new ClassicalPatchEncoder();
        for (int b : batches) {
            List<RgbImage> batch = frames.subList(0, b);
            double ms = median(rounds, iters, () -> classical.encodeBatch(batch));
            report("classical-v1-14x14 (640x360 in)", b, ms);
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
                    double full = median(rounds, iters, () -> encoder.encodeBatch(batch));
                    report("mobilenetv2 DjlFrameEncoder (resize+model+tokens)", b, full);
                    float[] input = pre.toTensor(batch);
                    long[] shape = pre.shape(b);
                    double[] djl = new double[rounds];
                    double[] bare = new double[rounds];
                    // interleave the two paths so drift on a noisy machine hits both alike
                    for (int r = -1; r < rounds; r++) {
                        double d =
                                time(
                                        iters,
                                        () ->
                                                predictor.predict(
                                                        new TensorTranslator.Input(input, shape)));
                        double o = time(iters, () -> bareRun(env, session, input, shape));
                        if (r >= 0) {
                            djl[r] = d;
                            bare[r] = o;
                        }
                    }
                    double djlMs = median(djl);
                    double bareMs = median(bare);
                    report("mobilenetv2 DJL predict (same tensor)", b, djlMs);
                    report("mobilenetv2 bare ORT session (same tensor)", b, bareMs);
                    System.out.printf(
                            "    DJL overhead at batch %d: %+.1f%%%n",
                            b, 100 * (djlMs - bareMs) / bareMs);
                }
            }
        }
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

    private static void report(String what, int batch, double msPerBatch) {
        System.out.printf(
                "%-52s batch %d: %7.2f ms/batch %7.2f ms/frame %7.1f frames/s%n",
                what, batch, msPerBatch, msPerBatch / batch, 1000.0 * batch / msPerBatch);
    }

    private static double median(int rounds, int iters, Body body) throws Exception {
        time(iters, body); // warm-up round
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ms[r] = time(iters, body);
        }
        return median(ms);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Mean milliseconds per call over {@code iters} calls. */
    private static double time(int iters, Body body) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            body.run();
        }
        return (System.nanoTime() - start) / 1e6 / iters;
    }
}
