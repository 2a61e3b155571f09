package dev.skim.core.encoder;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.skim.core.tokens.TokenGrid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FrameEncoder} that runs any ONNX model (DJL's OnnxRuntime engine) or TorchScript model
 * (DJL's PyTorch engine, build profile {@code torchscript}) as a {@link DjlEncoderConfig}
 * describes: preprocessing in plain Java, one input tensor per batch, outputs copied out and mapped
 * to a token grid (DESIGN.md section 6).
 *
 * <p>Loading is offline: the model comes from a path, a class path resource or a URL (never from a
 * model zoo), with {@code Criteria.optModelPath}/{@code optModelUrls} and a translator of its own.
 * At start-up one blank frame is encoded to learn and check the grid (rows, cols, dim), so a wrong
 * output name or shape fails at {@link #open} with the tensor named, not on the first real frame.
 *
 * <p>Thread-safe: a fixed pool of {@code predictors} DJL predictors (a predictor is not
 * thread-safe); callers beyond that wait. {@link #encodeBatch} splits its input into model calls of
 * at most {@code maxBatch} frames. Native memory is scoped to each call (DJL memory management: the
 * translator context's manager), so nothing native is held between calls. To batch single-frame
 * calls from many threads, wrap in a {@link BatchingFrameEncoder}.
 */
public final class DjlFrameEncoder implements FrameEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(DjlFrameEncoder.class);

    private final DjlEncoderConfig config;
    private final ModelFile modelFile;
    private final ZooModel<TensorTranslator.Input, TensorTranslator.Output> model;
    private final BlockingQueue<Predictor<TensorTranslator.Input, TensorTranslator.Output>>
            predictors;
    private final List<Predictor<TensorTranslator.Input, TensorTranslator.Output>> allPredictors;
    private final ImagePreprocessor preprocessor;
    private final OutputDecoder decoder;
    private final OutputDecoder.Geometry geometry;
    private final ai.djl.Device device;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DjlFrameEncoder(
            DjlEncoderConfig config,
            ModelFile modelFile,
            ZooModel<TensorTranslator.Input, TensorTranslator.Output> model,
            ai.djl.Device device) {
        this.config = config;
        this.modelFile = modelFile;
        this.model = model;
        this.device = device;
        this.preprocessor = new ImagePreprocessor(config);
        this.decoder = new OutputDecoder(config);
        this.predictors = new ArrayBlockingQueue<>(config.predictors());
        this.allPredictors = new ArrayList<>(config.predictors());
        for (int i = 0; i < config.predictors(); i++) {
            Predictor<TensorTranslator.Input, TensorTranslator.Output> p = model.newPredictor();
            allPredictors.add(p);
            predictors.add(p);
        }
        TensorTranslator.Output probe = run(List.of(blankFrame(config)));
        this.geometry = decoder.geometry(probe.tensors());
        decoder.decode(probe.tensors(), 1, geometry); // checks the pooled and attention outputs
    }

    /**
     * Loads the model and checks its outputs against the configuration.
     *
     * @throws EncoderException when the model file is missing or malformed, a configured output is
     *     absent or has the wrong shape, or the requested GPU is not usable
     */
    public static DjlFrameEncoder open(DjlEncoderConfig config) {
        Objects.requireNonNull(config, "config");
        long start = System.nanoTime();
        Engine engine = engine(config);
        ai.djl.Device device = DeviceSelector.select(config, engine);
        ModelFile file = ModelFile.resolve(config);
        ZooModel<TensorTranslator.Input, TensorTranslator.Output> model = null;
        try {
            model = criteria(config, file, device).build().loadModel();
            DjlFrameEncoder encoder = new DjlFrameEncoder(config, file, model, device);
            LOG.info(
                    "encoder {} loaded {} on {} with {}: {}x{} grid of {}-d tokens, {} predictor(s),"
                            + " max batch {}, in {} ms",
                    config.id(),
                    config.model(),
                    device,
                    config.engine().djlName(),
                    encoder.rows(),
                    encoder.cols(),
                    encoder.dim(),
                    config.predictors(),
                    config.maxBatch(),
                    (System.nanoTime() - start) / 1_000_000);
            return encoder;
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            file.close();
            throw new EncoderException(
                    "encoder '"
                            + config.id()
                            + "': cannot load model "
                            + config.model()
                            + " with "
                            + config.engine().djlName()
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            file.close();
            throw e;
        }
    }

    /** What DJL loads: the model file or URL, the engine and device, our translator, threads. */
    private static Criteria.Builder<TensorTranslator.Input, TensorTranslator.Output> criteria(
            DjlEncoderConfig config, ModelFile file, ai.djl.Device device) {
        Criteria.Builder<TensorTranslator.Input, TensorTranslator.Output> criteria =
                Criteria.builder()
                        .setTypes(TensorTranslator.Input.class, TensorTranslator.Output.class)
                        .optEngine(config.engine().djlName())
                        .optDevice(device)
                        .optTranslator(new TensorTranslator(config.inputName()));
        if (file.path() != null) {
            criteria.optModelPath(file.path());
        } else {
            criteria.optModelUrls(file.url());
        }
        if (config.intraOpThreads() > 0
                && config.engine() == DjlEncoderConfig.Engine.ONNX_RUNTIME) {
            // DJL 0.35 applies intraOpNumThreads only when interOpNumThreads is set too
            criteria.optOption("interOpNumThreads", "1");
            criteria.optOption("intraOpNumThreads", Integer.toString(config.intraOpThreads()));
        }
        return criteria;
    }

    private static Engine engine(DjlEncoderConfig config) {
        String name = config.engine().djlName();
        if (!Engine.hasEngine(name)) {
            throw new EncoderException(
                    "encoder '"
                            + config.id()
                            + "': DJL engine "
                            + name
                            + " is not on the class path"
                            + (config.engine() == DjlEncoderConfig.Engine.PYTORCH
                                    ? " (build with the 'torchscript' Maven profile)"
                                    : ""));
        }
        return Engine.getEngine(name);
    }

    private static RgbImage blankFrame(DjlEncoderConfig config) {
        int w = config.inputWidth();
        int h = config.inputHeight();
        return new RgbImage(w, h, new byte[w * h * 3]);
    }

    /** The configuration this encoder runs. */
    public DjlEncoderConfig config() {
        return config;
    }

    /** The DJL device the model runs on (after resolving {@code auto}). */
    public String device() {
        return device.toString();
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public int rows() {
        return geometry.rows();
    }

    @Override
    public int cols() {
        return geometry.cols();
    }

    @Override
    public int dim() {
        return geometry.dim();
    }

    @Override
    public int inputSide() {
        return Math.max(config.inputWidth(), config.inputHeight());
    }

    @Override
    public List<TokenGrid> encodeBatch(List<RgbImage> images) {
        Objects.requireNonNull(images, "images");
        for (int i = 0; i < images.size(); i++) {
            Objects.requireNonNull(images.get(i), "images[" + i + "]");
        }
        List<TokenGrid> grids = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += config.maxBatch()) {
            List<RgbImage> chunk =
                    images.subList(from, Math.min(images.size(), from + config.maxBatch()));
            grids.addAll(decoder.decode(run(chunk).tensors(), chunk.size(), geometry));
        }
        return grids;
    }

    private TensorTranslator.Output run(List<RgbImage> chunk) {
        if (closed.get()) {
            throw new IllegalStateException("encoder '" + config.id() + "' is closed");
        }
        TensorTranslator.Input input =
                new TensorTranslator.Input(
                        preprocessor.toTensor(chunk), preprocessor.shape(chunk.size()));
        Predictor<TensorTranslator.Input, TensorTranslator.Output> predictor = borrow();
        try {
            return predictor.predict(input);
        } catch (TranslateException e) {
            if (e.getCause() instanceof EncoderException encoderException) {
                throw encoderException;
            }
            throw new EncoderException(
                    "encoder '"
                            + config.id()
                            + "': inference failed on a batch of "
                            + chunk.size()
                            + ": "
                            + e.getMessage(),
                    e);
        } finally {
            predictors.add(predictor);
        }
    }

    private Predictor<TensorTranslator.Input, TensorTranslator.Output> borrow() {
        try {
            return predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException(
                    "encoder '" + config.id() + "': interrupted while waiting for a predictor", e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            allPredictors.forEach(Predictor::close);
            model.close();
            modelFile.close();
        }
    }
}
