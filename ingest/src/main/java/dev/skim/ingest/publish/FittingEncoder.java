package dev.skim.ingest.publish;

import java.awt.image.BufferedImage;
import java.util.function.Function;

/**
 * Encodes a frame so that its Kafka record fits under {@code max.request.size}: first at the
 * requested size and quality, then at lower quality, then smaller, and gives up with a reason.
 */
final class FittingEncoder implements AutoCloseable {

    /** Result: a record value that fits, or why there is none. */
    sealed interface Fit permits Fitted, Rejected {}

    /** The JPEG that fits and the size of the record value it makes. */
    record Fitted(JpegEncoder.Encoded jpeg, int valueBytes) implements Fit {
        int width() {
            return jpeg.width();
        }

        int height() {
            return jpeg.height();
        }
    }

    record Rejected(String reason) implements Fit {}

    /** Room for the record batch header, key and record overhead. */
    static final int REQUEST_OVERHEAD_BYTES = 1024;

    private static final int MIN_QUALITY = 40;
    private static final int MAX_DOWNSCALES = 8;

    private final JpegEncoder jpeg = new JpegEncoder();
    private final int limitBytes;

    FittingEncoder(int maxRequestSize) {
        this.limitBytes = maxRequestSize - REQUEST_OVERHEAD_BYTES;
    }

    /**
     * @param toValue turns (jpeg bytes, width, height) into the serialized record value
     */
    Fit encode(
            BufferedImage image,
            MaxSize maxSize,
            int quality,
            Function<JpegEncoder.Encoded, byte[]> toValue) {
        JpegEncoder.Encoded encoded = jpeg.encode(image, maxSize, quality);
        byte[] value = toValue.apply(encoded);
        if (value.length <= limitBytes) {
            return new Fitted(encoded, value.length);
        }
        String first =
                encoded.width()
                        + "x"
                        + encoded.height()
                        + " at quality "
                        + quality
                        + " is "
                        + value.length
                        + " bytes";
        int q = Math.min(quality, MIN_QUALITY);
        MaxSize box = new MaxSize(encoded.width(), encoded.height());
        for (int attempt = 0; attempt < MAX_DOWNSCALES; attempt++) {
            encoded = jpeg.encode(image, box, q);
            value = toValue.apply(encoded);
            if (value.length <= limitBytes) {
                return new Fitted(encoded, value.length);
            }
            box =
                    new MaxSize(
                            Math.max(1, encoded.width() * 3 / 4),
                            Math.max(1, encoded.height() * 3 / 4));
        }
        return new Rejected(
                "frame "
                        + first
                        + "; still "
                        + value.length
                        + " bytes at "
                        + encoded.width()
                        + "x"
                        + encoded.height()
                        + " and quality "
                        + q
                        + ", over the limit of "
                        + limitBytes
                        + " bytes (max.request.size minus overhead)");
    }

    @Override
    public void close() {
        jpeg.close();
    }
}
