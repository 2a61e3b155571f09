package dev.skim.compressor.window;

import dev.skim.core.encoder.RgbImage;
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

/** Small JPEGs of slow frames: the longest side scaled down to a limit, at a given quality. */
public final class Thumbnails {

    private final int maxSide;
    private final float quality;

    /**
     * @param maxSide longest side in pixels (frames are never scaled up)
     * @param quality JPEG quality, 0.05 to 1
     */
    public Thumbnails(int maxSide, float quality) {
        if (maxSide < 1) {
            throw new IllegalArgumentException("maxSide must be positive, was " + maxSide);
        }
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("quality must be in (0, 1], was " + quality);
        }
        this.maxSide = maxSide;
        this.quality = quality;
    }

    public SlowFrame.Thumbnail of(RgbImage image) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        BufferedImage full =
                new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[image.width()];
        byte[] rgb = image.rgb();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0, p = y * image.width() * 3; x < image.width(); x++, p += 3) {
                row[x] = (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | (rgb[p + 2] & 0xFF);
            }
            full.setRGB(0, y, image.width(), 1, row, 0, image.width());
        }
        BufferedImage small = full;
        if (w != image.width() || h != image.height()) {
            small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(full, 0, 0, w, h, null);
            g.dispose();
        }
        return new SlowFrame.Thumbnail(w, h, jpeg(small));
    }

    private byte[] jpeg(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a keyframe JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
