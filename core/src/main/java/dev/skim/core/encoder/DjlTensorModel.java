package dev.skim.core.encoder;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One ONNX model run by DJL's OnnxRuntime engine on the CPU with plain arrays: one float tensor in,
 * every output copied out by name, so no native memory outlives a call. Loads like {@link
 * DjlFrameEncoder} (a class path resource, {@code file:} URL or path, checked against its SHA-256)
 * for models that are not frame encoders, such as the taggers' detectors.
 *
 * <p>Not thread-safe: one predictor, one caller at a time.
 */
public final class DjlTensorModel implements AutoCloseable {

    /**
     * A model output.
     *
     * @param shape its dimensions
     * @param data float32 values, row-major
     */
    public record Tensor(long[] shape, float[] data) {}

    private final String id;
    private final ModelFile file;
    private final ZooModel<TensorTranslator.Input, TensorTranslator.Output> model;
    private final Predictor<TensorTranslator.Input, TensorTranslator.Output> predictor;

    private DjlTensorModel(
            String id,
            ModelFile file,
            ZooModel<TensorTranslator.Input, TensorTranslator.Output> model) {
        this.id = id;
        this.file = file;
        this.model = model;
        this.predictor = model.newPredictor();
    }

    /**
     * Loads a model.
     *
     * @param id what the model is, for messages
     * @param location {@code classpath:...}, a {@code file:} URL or a path
     * @param sha256 the expected SHA-256 of the file, or null to skip the check
     * @param inputName the model's input name
     * @param intraOpThreads ONNX Runtime's intra-op threads, 0 for its default
     * @throws EncoderException when the file is missing, has another checksum or does not load
     */
    public static DjlTensorModel open(
            String id, String location, String sha256, String inputName, int intraOpThreads) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
        ModelFile file = ModelFile.resolve(id, location, sha256);
        try {
            Criteria.Builder<TensorTranslator.Input, TensorTranslator.Output> criteria =
                    Criteria.builder()
                            .setTypes(TensorTranslator.Input.class, TensorTranslator.Output.class)
                            .optEngine(DjlEncoderConfig.Engine.ONNX_RUNTIME.djlName())
                            .optDevice(ai.djl.Device.cpu())
                            .optModelPath(file.path())
                            .optTranslator(new TensorTranslator(inputName));
            if (intraOpThreads > 0) {
                // DJL 0.35 applies intraOpNumThreads only when interOpNumThreads is set too
                criteria.optOption("interOpNumThreads", "1");
                criteria.optOption("intraOpNumThreads", Integer.toString(intraOpThreads));
            }
            return new DjlTensorModel(id, file, criteria.build().loadModel());
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            file.close();
            throw new EncoderException(
                    "model '" + id + "': cannot load " + location + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Runs the model on one tensor and returns every output by name, in the model's order. */
    public Map<String, Tensor> run(float[] data, long[] shape) {
        TensorTranslator.Output out;
        try {
            out = predictor.predict(new TensorTranslator.Input(data, shape));
        } catch (TranslateException e) {
            throw new EncoderException(
                    "model '"
                            + id
                            + "': inference failed on an input of shape "
                            + java.util.Arrays.toString(shape)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (RawTensor t : out.tensors()) {
            byName.put(t.name(), new Tensor(t.shape(), t.data()));
        }
        return byName;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        file.close();
    }
}
