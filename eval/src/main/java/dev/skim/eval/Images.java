package dev.skim.eval;

import dev.skim.core.encoder.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Conversions between decoded frames and the encoder's pixels. */
final class Images {
    private Images() {}

    /** 8-bit RGB pixels of any BufferedImage. */
    static RgbImage rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getData().length == out.length) {
            byte[] bgr = buffer.getData();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = bgr[i + 2];
                out[i + 1] = bgr[i + 1];
                out[i + 2] = bgr[i];
            }
            return new RgbImage(w, h, out);
        }
        int[] row = new int[w];
        int p = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int c = row[x];
                out[p++] = (byte) (c >> 16);
                out[p++] = (byte) (c >> 8);
                out[p++] = (byte) c;
            }
        }
        return new RgbImage(w, h, out);
    }

    /** The image scaled to the given width, keeping its aspect ratio. */
    static BufferedImage thumbnail(BufferedImage image, int width) {
        int height = Math.max(1, Math.round(image.getHeight() * width / (float) image.getWidth()));
        return resized(image, width, height);
    }

    /** The image stretched to width x height, as 8-bit RGB (bilinear). */
    static BufferedImage resized(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }
}
