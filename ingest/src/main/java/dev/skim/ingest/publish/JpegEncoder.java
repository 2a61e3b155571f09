package dev.skim.ingest.publish;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Downscales and JPEG-encodes images. Not thread-safe: one per publishing thread. */
final class JpegEncoder implements AutoCloseable {

    /** An encoded image and its size in pixels. */
    record Encoded(byte[] data, int width, int height) {}

    private final ImageWriter writer;

    JpegEncoder() {
        this.writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    }

    Encoded encode(BufferedImage image, MaxSize maxSize, int quality) {
        BufferedImage fitted = fit(image, maxSize);
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(fitted.getWidth() * fitted.getHeight() / 4);
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(fitted, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        }
        return new Encoded(out.toByteArray(), fitted.getWidth(), fitted.getHeight());
    }

    static BufferedImage fit(BufferedImage image, MaxSize maxSize) {
        int[] size = maxSize.fit(image.getWidth(), image.getHeight());
        BufferedImage rgb = ensureRgb(image);
        if (size[0] == image.getWidth() && size[1] == image.getHeight()) {
            return rgb;
        }
        BufferedImage current = rgb;
        // Halve first, then one bilinear step: avoids the aliasing of a single large step.
        while (current.getWidth() / 2 >= size[0] && current.getHeight() / 2 >= size[1]) {
            current = scale(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == size[0] && current.getHeight() == size[1]
                ? current
                : scale(current, size[0], size[1]);
    }

    private static BufferedImage scale(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    /** JPEG has no alpha; images with alpha (PNG folders) are flattened onto black. */
    private static BufferedImage ensureRgb(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR
                || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage rgb =
                new BufferedImage(
                        image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
