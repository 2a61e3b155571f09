package dev.skim.core.encoder;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a {@link DjlFrameEncoder} needs to run a vision model through DJL: where the model is,
 * how frames become the input tensor, which outputs hold the tokens (and optionally a pooled vector
 * and CLS attention), where it runs, and how big its batches are (DESIGN.md section 6).
 *
 * <p>Build with {@link #builder()}: {@code setX} for what is required, {@code optX} for the rest.
 * Each setter checks its value and names the field in its error.
 *
 * @param id stable id recorded in every token block, e.g. {@code mobilenetv2-nsfwjs440-block10}
 * @param engine the DJL engine
 * @param model a file path, an {@code http(s):}/{@code file:} URL, or {@code classpath:}resource
 * @param modelSha256 expected SHA-256 of the model file (hex), or null not to check
 * @param inputWidth model input width in pixels
 * @param inputHeight model input height in pixels
 * @param resize how the frame is fitted to the input size
 * @param valueRange the range 8-bit pixel values are mapped to before mean/std
 * @param mean per-channel mean subtracted after the range mapping
 * @param std per-channel standard deviation divided after the mean
 * @param inputLayout NCHW or NHWC
 * @param inputName the model input's name, or null for the model's only input
 * @param tokensOutput output holding the patch tokens: a name, or a decimal index (TorchScript)
 * @param tokensLayout how that output maps to a rows x cols grid
 * @param rows expected grid rows, or 0 to take them from the model ({@link OutputLayout#TOKENS}
 *     needs them)
 * @param cols expected grid columns, or 0 as for rows
 * @param dim expected token dimension, or 0 to take it from the model
 * @param pooledOutput output holding a pooled/CLS vector [N, D], or null
 * @param meanPool when there is no pooled output: whether to use the mean of the tokens
 * @param attentionOutput output holding CLS attention ([N, T] or [N, heads, T, T]), or null
 * @param device where the model runs
 * @param maxBatch largest batch sent to the model at once
 * @param predictors number of predictors (concurrent model calls)
 * @param intraOpThreads threads per model call (ONNX Runtime), or 0 for the runtime's default
 */
public record DjlEncoderConfig(
        String id,
        Engine engine,
        String model,
        String modelSha256,
        int inputWidth,
        int inputHeight,
        ResizeMode resize,
        ValueRange valueRange,
        Rgb mean,
        Rgb std,
        InputLayout inputLayout,
        String inputName,
        String tokensOutput,
        OutputLayout tokensLayout,
        int rows,
        int cols,
        int dim,
        String pooledOutput,
        boolean meanPool,
        String attentionOutput,
        Device device,
        int maxBatch,
        int predictors,
        int intraOpThreads) {

    /** The DJL engine that runs the model. */
    public enum Engine {
        /** {@code ai.djl.onnxruntime:onnxruntime-engine}, always on the class path. */
        ONNX_RUNTIME("OnnxRuntime"),
        /** {@code ai.djl.pytorch:pytorch-engine}, in the {@code torchscript} build profile. */
        PYTORCH("PyTorch");

        private final String djlName;

        Engine(String djlName) {
            this.djlName = djlName;
        }

        /** The engine's name in DJL. */
        public String djlName() {
            return djlName;
        }
    }

    /** How a frame is fitted to the model's input size. */
    public enum ResizeMode {
        /** Bilinear resize to exactly the input size; the aspect ratio is not kept. */
        STRETCH,
        /**
         * Keep the aspect ratio: take the largest centred crop of the input's aspect, resize it.
         */
        CENTER_CROP
    }

    /** The range 8-bit values are mapped to before mean and std are applied. */
    public enum ValueRange {
        /** v / 255 (nsfwjs, CLIP and SigLIP before their mean/std). */
        UNIT(1f / 255f, 0f),
        /** v / 127.5 - 1 (Keras MobileNet, Inception convention). */
        SYMMETRIC(1f / 127.5f, -1f),
        /** v as is. */
        BYTE(1f, 0f);

        private final float scale;
        private final float offset;

        ValueRange(float scale, float offset) {
            this.scale = scale;
            this.offset = offset;
        }

        float apply(float value) {
            return value * scale + offset;
        }
    }

    /** Memory order of the image input tensor. */
    public enum InputLayout {
        NCHW,
        NHWC
    }

    /** How the tokens output maps to a rows x cols grid of D-dimensional tokens. */
    public enum OutputLayout {
        /** A feature map [N, D, rows, cols] (convolutional networks, ONNX convention). */
        FEATURE_MAP_NCHW,
        /** A feature map [N, rows, cols, D] (TensorFlow convention). */
        FEATURE_MAP_NHWC,
        /**
         * A token sequence [N, T, D] (vision transformers); the last rows*cols tokens are the
         * patches, any leading ones (CLS, registers) are dropped. Needs rows and cols.
         */
        TOKENS
    }

    /** Where the model runs. */
    public enum Device {
        CPU,
        /** A CUDA GPU; start-up fails with the reason when there is none. */
        GPU,
        /** A GPU when one is usable, else the CPU (logged). */
        AUTO;

        /** Parses cpu, gpu or auto in any case. */
        public static Device parse(String value) {
            try {
                return valueOf(
                        Objects.requireNonNull(value, "device").trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "device must be one of cpu, gpu, auto; was '" + value + "'", e);
            }
        }
    }

    /** Three per-channel values, in R, G, B order. */
    public record Rgb(float r, float g, float b) {
        public static final Rgb ZERO = new Rgb(0f, 0f, 0f);
        public static final Rgb ONE = new Rgb(1f, 1f, 1f);

        public static Rgb of(float value) {
            return new Rgb(value, value, value);
        }

        float get(int channel) {
            return switch (channel) {
                case 0 -> r;
                case 1 -> g;
                case 2 -> b;
                default -> throw new IndexOutOfBoundsException("channel " + channel);
            };
        }
    }

    public DjlEncoderConfig {
        requireText("id", id);
        Objects.requireNonNull(engine, "engine");
        requireText("model", model);
        requirePositive("inputWidth", inputWidth);
        requirePositive("inputHeight", inputHeight);
        Objects.requireNonNull(resize, "resize");
        Objects.requireNonNull(valueRange, "valueRange");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (std.r() == 0f || std.g() == 0f || std.b() == 0f) {
            throw new IllegalArgumentException("std must not contain 0, was " + std);
        }
        Objects.requireNonNull(inputLayout, "inputLayout");
        requireText("tokensOutput", tokensOutput);
        Objects.requireNonNull(tokensLayout, "tokensLayout");
        requireNonNegative("rows", rows);
        requireNonNegative("cols", cols);
        requireNonNegative("dim", dim);
        if (tokensLayout == OutputLayout.TOKENS && (rows == 0 || cols == 0)) {
            throw new IllegalArgumentException(
                    "tokensLayout TOKENS needs rows and cols (the patch grid), got "
                            + rows
                            + "x"
                            + cols);
        }
        Objects.requireNonNull(device, "device");
        requirePositive("maxBatch", maxBatch);
        requirePositive("predictors", predictors);
        requireNonNegative("intraOpThreads", intraOpThreads);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.engine = engine;
        b.model = model;
        b.modelSha256 = modelSha256;
        b.inputWidth = inputWidth;
        b.inputHeight = inputHeight;
        b.resize = resize;
        b.valueRange = valueRange;
        b.mean = mean;
        b.std = std;
        b.inputLayout = inputLayout;
        b.inputName = inputName;
        b.tokensOutput = tokensOutput;
        b.tokensLayout = tokensLayout;
        b.rows = rows;
        b.cols = cols;
        b.dim = dim;
        b.pooledOutput = pooledOutput;
        b.meanPool = meanPool;
        b.attentionOutput = attentionOutput;
        b.device = device;
        b.maxBatch = maxBatch;
        b.predictors = predictors;
        b.intraOpThreads = intraOpThreads;
        return b;
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** Builds a {@link DjlEncoderConfig}; id, model and tokensOutput are required. */
    public static final class Builder {
        private String id;
        private Engine engine = Engine.ONNX_RUNTIME;
        private String model;
        private String modelSha256;
        private int inputWidth = 224;
        private int inputHeight = 224;
        private ResizeMode resize = ResizeMode.STRETCH;
        private ValueRange valueRange = ValueRange.UNIT;
        private Rgb mean = Rgb.ZERO;
        private Rgb std = Rgb.ONE;
        private InputLayout inputLayout = InputLayout.NCHW;
        private String inputName;
        private String tokensOutput;
        private OutputLayout tokensLayout = OutputLayout.FEATURE_MAP_NCHW;
        private int rows;
        private int cols;
        private int dim;
        private String pooledOutput;
        private boolean meanPool;
        private String attentionOutput;
        private Device device = Device.CPU;
        private int maxBatch = 8;
        private int predictors = 1;
        private int intraOpThreads;

        private Builder() {}

        public Builder setId(String id) {
            this.id = id;
            return this;
        }

        /** The model file. */
        public Builder setModelPath(Path path) {
            this.model = Objects.requireNonNull(path, "model path").toString();
            return this;
        }

        /** The model as a path, an http(s)/file URL or {@code classpath:}resource. */
        public Builder setModel(String location) {
            this.model = location;
            return this;
        }

        public Builder setTokensOutput(String output, OutputLayout layout) {
            this.tokensOutput = output;
            this.tokensLayout = Objects.requireNonNull(layout, "tokensLayout");
            return this;
        }

        public Builder optEngine(Engine engine) {
            this.engine = engine;
            return this;
        }

        public Builder optModelSha256(String sha256) {
            if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(
                        "modelSha256 must be 64 hex digits, was '" + sha256 + "'");
            }
            this.modelSha256 = sha256;
            return this;
        }

        public Builder optInputSize(int width, int height) {
            this.inputWidth = width;
            this.inputHeight = height;
            return this;
        }

        public Builder optResize(ResizeMode resize) {
            this.resize = resize;
            return this;
        }

        public Builder optValueRange(ValueRange valueRange) {
            this.valueRange = valueRange;
            return this;
        }

        public Builder optNormalize(Rgb mean, Rgb std) {
            this.mean = mean;
            this.std = std;
            return this;
        }

        public Builder optInputLayout(InputLayout layout) {
            this.inputLayout = layout;
            return this;
        }

        public Builder optInputName(String name) {
            this.inputName = name;
            return this;
        }

        /** Expected grid and dimension; checked against the model at start-up (0 = any). */
        public Builder optGrid(int rows, int cols, int dim) {
            this.rows = rows;
            this.cols = cols;
            this.dim = dim;
            return this;
        }

        public Builder optPooledOutput(String output) {
            this.pooledOutput = output;
            return this;
        }

        public Builder optMeanPool(boolean meanPool) {
            this.meanPool = meanPool;
            return this;
        }

        public Builder optAttentionOutput(String output) {
            this.attentionOutput = output;
            return this;
        }

        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        public Builder optMaxBatch(int maxBatch) {
            if (maxBatch <= 0) {
                throw new IllegalArgumentException("maxBatch must be positive, was " + maxBatch);
            }
            this.maxBatch = maxBatch;
            return this;
        }

        public Builder optPredictors(int predictors) {
            if (predictors <= 0) {
                throw new IllegalArgumentException(
                        "predictors must be positive, was " + predictors);
            }
            this.predictors = predictors;
            return this;
        }

        public Builder optIntraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        public DjlEncoderConfig build() {
            return new DjlEncoderConfig(
                    id,
                    engine,
                    model,
                    modelSha256,
                    inputWidth,
                    inputHeight,
                    resize,
                    valueRange,
                    mean,
                    std,
                    inputLayout,
                    inputName,
                    tokensOutput,
                    tokensLayout,
                    rows,
                    cols,
                    dim,
                    pooledOutput,
                    meanPool,
                    attentionOutput,
                    device,
                    maxBatch,
                    predictors,
                    intraOpThreads);
        }
    }
}
