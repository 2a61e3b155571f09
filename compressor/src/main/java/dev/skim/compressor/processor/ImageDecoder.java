package dev.skim.compressor.processor;

import dev.skim.avro.Frame;
import dev.skim.core.encoder.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jboss.logging.Logger;

/**
 * Turns a {@link Frame}'s bytes into RGB pixels, rejecting what is not a sane image. JPEG goes
 * through FFmpeg ({@link FfmpegJpegDecoder}), falling back to ImageIO for what FFmpeg refuses, or
 * for everything when FFmpeg's natives do not load on this platform; PNG goes through ImageIO.
 *
 * <p>A JPEG is decoded at the smallest DCT scale (1/2, 1/4, 1/8) that still meets the {@link
 * MinSize}: the encoder's input side for the shorter side (so the encoder never upsamples) and the
 * keyframe size for the longer one. A 768x576 frame for a 224x224 encoder and 320-pixel keyframes
 * is decoded at 384x288.
 *
 * <p>Not thread-safe: one per stream task; {@link #close()} frees the native decoder.
 */
public final class ImageDecoder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImageDecoder.class);

    /**
     * The smallest image the frame's consumers need.
     *
     * @param shortSide the shorter side must stay at least this (0: no need)
     * @param longSide the longer side must stay at least this (0: no need)
     */
    public record MinSize(int shortSide, int longSide) {
        /** Always the full size. */
        public static final MinSize FULL = new MinSize(Integer.MAX_VALUE, Integer.MAX_VALUE);

        /** The largest DCT scale (0 to 3) at which a w x h image still meets this size. */
        public int scale(int w, int h) {
            for (int k = 3; k > 0; k--) {
                int sw = ceilShift(w, k);
                int sh = ceilShift(h, k);
                if (Math.min(sw, sh) >= shortSide && Math.max(sw, sh) >= longSide) {
                    return k;
                }
            }
            return 0;
        }
    }

    private final long maxPixels;
    private final MinSize minSize;
    private final FfmpegJpegDecoder[] ffmpeg = new FfmpegJpegDecoder[4];
    private boolean ffmpegMissing;

    public ImageDecoder(long maxPixels) {
        this(maxPixels, MinSize.FULL);
    }

    public ImageDecoder(long maxPixels, MinSize minSize) {
        this.maxPixels = maxPixels;
        this.minSize = minSize;
    }

    private static int ceilShift(int v, int k) {
        return (v + (1 << k) - 1) >> k;
    }

    /**
     * @throws InvalidImageException when the bytes are not an image of the declared kind and size
     */
    public RgbImage decode(Frame frame) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        if (w <= 0 || h <= 0) {
            throw new InvalidImageException("declared size " + w + "x" + h + " is not positive");
        }
        if ((long) w * h > maxPixels) {
            throw new InvalidImageException(
                    "declared size "
                            + w
                            + "x"
                            + h
                            + " exceeds the limit of "
                            + maxPixels
                            + " pixels");
        }
        byte[] data = bytes(frame.getData());
        return switch (frame.getEncoding()) {
            case RAW_RGB -> raw(data, w, h);
            case JPEG -> jpeg(data, w, h);
            case PNG -> compressed(data, w, h, "PNG");
        };
    }

    private RgbImage jpeg(byte[] data, int w, int h) {
        int scale = minSize.scale(w, h);
        FfmpegJpegDecoder decoder = ffmpeg(scale);
        if (decoder != null) {
            try {
                RgbImage img = decoder.decode(data);
                if (img.width() == ceilShift(w, scale) && img.height() == ceilShift(h, scale)) {
                    return img;
                }
                // not the declared size: ImageIO below names the JPEG's exact size
            } catch (IllegalArgumentException e) {
                // FFmpeg is strict; let ImageIO have a go before calling the data corrupt
                LOG.debugf("FFmpeg refused a JPEG (%s); trying ImageIO", e.getMessage());
            }
        }
        return compressed(data, w, h, "JPEG");
    }

    private FfmpegJpegDecoder ffmpeg(int scale) {
        if (ffmpeg[scale] == null && !ffmpegMissing) {
            try {
                ffmpeg[scale] = new FfmpegJpegDecoder(scale, maxPixels);
            } catch (LinkageError | RuntimeException e) {
                ffmpegMissing = true;
                LOG.warnf("FFmpeg's JPEG decoder is not available (%s); decoding with ImageIO", e);
            }
        }
        return ffmpeg[scale];
    }

    private static void checkSize(int actualW, int actualH, int w, int h, String kind) {
        if (actualW != w || actualH != h) {
            throw new InvalidImageException(
                    kind
                            + " is "
                            + actualW
                            + "x"
                            + actualH
                            + " but the frame declares "
                            + w
                            + "x"
                            + h);
        }
    }

    @Override
    public void close() {
        for (int k = 0; k < ffmpeg.length; k++) {
            if (ffmpeg[k] != null) {
                ffmpeg[k].close();
                ffmpeg[k] = null;
            }
        }
    }

    private static RgbImage raw(byte[] data, int w, int h) {
        if (data.length != w * h * 3) {
            throw new InvalidImageException(
                    "RAW_RGB "
                            + w
                            + "x"
                            + h
                            + " needs "
                            + w * h * 3
                            + " bytes, got "
                            + data.length);
        }
        return new RgbImage(w, h, data);
    }

    private RgbImage compressed(byte[] data, int w, int h, String kind) {
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidImageException(
                        "data (" + data.length + " bytes) is not a readable " + kind + " image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // the header's size before any pixel: a small frame declaring a huge image is
                // refused here instead of filling the heap
                checkSize(reader.getWidth(0), reader.getHeight(0), w, h, kind);
                // ImageIO conceals damage (a JPEG cut short comes back grey below the cut) and
                // only warns; like FFmpeg here, a damaged image is an error, not a frame
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new InvalidImageException(
                            kind
                                    + " data ("
                                    + data.length
                                    + " bytes) is damaged: "
                                    + String.join("; ", warnings));
                }
            } finally {
                reader.dispose();
            }
        } catch (InvalidImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(
                    kind + " data (" + data.length + " bytes) is corrupt: " + e.getMessage(), e);
        }
        return rgb(img, w, h);
    }

    /** The pixels of an image ImageIO read, as RGB bytes. */
    private static RgbImage rgb(BufferedImage img, int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
                && img.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getData().length == rgb.length) {
            // what ImageIO makes of most JPEGs: copy the bytes, swapping B and R, instead of
            // converting pixel by pixel through getRGB
            byte[] bgr = buffer.getData();
            for (int p = 0; p < rgb.length; p += 3) {
                rgb[p] = bgr[p + 2];
                rgb[p + 1] = bgr[p + 1];
                rgb[p + 2] = bgr[p];
            }
            return new RgbImage(w, h, rgb);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, p = y * w * 3; x < w; x++) {
                int c = row[x];
                rgb[p++] = (byte) (c >>> 16);
                rgb[p++] = (byte) (c >>> 8);
                rgb[p++] = (byte) c;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** The bytes are not a usable image; the message says why. */
    public static final class InvalidImageException extends RuntimeException {
        InvalidImageException(String message) {
            super(message);
        }

        InvalidImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
