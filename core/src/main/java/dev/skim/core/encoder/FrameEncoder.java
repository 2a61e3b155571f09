package dev.skim.core.encoder;

import dev.skim.core.tokens.TokenGrid;
import java.util.List;

/**
 * Turns frames into patch tokens on a grid. The one encoder interface the compressor topology knows
 * (DESIGN.md section 6).
 *
 * <p>Implementations are thread-safe, return plain Java values (no native tensors escape), and
 * release native memory per call. {@link #encodeBatch} exists because accelerators want batches;
 * its result has one grid per input, in order.
 */
public interface FrameEncoder extends AutoCloseable {

    /** A stable id of the model and its preprocessing, recorded in every token block. */
    String id();

    /** Grid rows x cols and dimension this encoder produces, known before the first frame. */
    int rows();

    int cols();

    int dim();

    /**
     * Longest side of the image the encoder actually looks at (frames are resized, or a crop of
     * them is, to its fixed input): a frame decoded so that its shorter side is at least this loses
     * nothing the encoder would see, which lets the compressor decode large JPEGs at a reduced
     * scale. 0 when unknown: frames are then decoded at full size.
     */
    default int inputSide() {
        return 0;
    }

    /** Encodes one frame. */
    default TokenGrid encode(RgbImage image) {
        return encodeBatch(List.of(image)).get(0);
    }

    /** Encodes several frames at once; the result has one grid per image, in order. */
    List<TokenGrid> encodeBatch(List<RgbImage> images);

    @Override
    default void close() {}
}
