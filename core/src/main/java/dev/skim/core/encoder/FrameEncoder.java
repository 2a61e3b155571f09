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

    /** Encodes one frame. */
    default TokenGrid encode(RgbImage image) {
        return encodeBatch(List.of(image)).get(0);
    }

    /** Encodes several frames at once; the result has one grid per image, in order. */
    List<TokenGrid> encodeBatch(List<RgbImage> images);

    @Override
    default void close() {}
}
