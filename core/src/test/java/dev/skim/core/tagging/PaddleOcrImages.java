package dev.skim.core.tagging;

import dev.skim.core.encoder.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/** Frames for the OCR tests: text drawn with Java2D on plain or photo-like backgrounds. */
final class PaddleOcrImages {

    private PaddleOcrImages() {}

    /** A frame and where its words were drawn (pixels). */
    record Drawn(BufferedImage image, List<Word> words) {
        RgbImage rgb() {
            return toRgb(image);
        }
    }

    /** A word and the box of its glyphs. */
    record Word(String text, Rectangle box) {}

    static BufferedImage plain(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /**
     * Something like a photo: a lit gradient, soft blobs of colour, a few hard-edged shapes
     * (pillars, windows) and per-pixel noise.
     */
    static BufferedImage photoLike(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(
                new java.awt.GradientPaint(
                        0, 0, new Color(150, 160, 175), width, height, new Color(70, 60, 50)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 12; i++) {
            g.setColor(
                    new Color(
                            random.nextInt(256),
                            random.nextInt(256),
                            random.nextInt(256),
                            60 + random.nextInt(60)));
            int r = 20 + random.nextInt(Math.max(1, Math.min(width, height) / 3));
            g.fillOval(random.nextInt(width) - r / 2, random.nextInt(height) - r / 2, r, r);
        }
        for (int i = 0; i < 4; i++) {
            g.setColor(new Color(random.nextInt(120), random.nextInt(120), random.nextInt(120)));
            g.fillRect(random.nextInt(width), 0, 6 + random.nextInt(20), height);
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) (random.nextGaussian() * 12);
                int r = clamp(((rgb >> 16) & 0xFF) + n);
                int gr = clamp(((rgb >> 8) & 0xFF) + n);
                int b = clamp((rgb & 0xFF) + n);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return image;
    }

    /** Draws a word with its baseline at (x, y) and returns the box of its glyphs. */
    static Word draw(
            BufferedImage image, String text, int x, int y, int size, Color color, Color plate) {
        return draw(image, text, new Font("DejaVu Sans", Font.BOLD, size), x, y, color, plate);
    }

    /** As above, in a given font; a plate is a filled rectangle behind the text. */
    static Word draw(
            BufferedImage image, String text, Font font, int x, int y, Color color, Color plate) {
        int size = font.getSize();
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        Rectangle box =
                new Rectangle(
                        x, y - metrics.getAscent(), metrics.stringWidth(text), metrics.getHeight());
        if (plate != null) {
            g.setColor(plate);
            int pad = size / 3;
            g.fillRect(box.x - pad, box.y - pad / 2, box.width + 2 * pad, box.height + pad);
        }
        g.setColor(color);
        g.drawString(text, x, y);
        g.dispose();
        return new Word(text, box);
    }

    /**
     * Whether the tags whose centres lie in the word's box spell it, left to right, case and spaces
     * ignored (the detector may split a phrase at a space), and their union overlaps the box by an
     * IoU above 0.4.
     */
    static boolean readOver(List<FrameTag> tags, Word word, int width, int height) {
        Rectangle r = word.box();
        FrameTag.Box drawn =
                FrameTag.Box.ofPixels(r.x, r.y, r.x + r.width, r.y + r.height, width, height);
        List<FrameTag> over = over(tags, drawn);
        String read = over.stream().map(FrameTag::label).reduce("", String::concat);
        return !over.isEmpty()
                && normal(read).equals(normal(word.text()))
                && iou(union(over), drawn) > 0.4;
    }

    /** The tags whose centres lie in the box, left to right. */
    static List<FrameTag> over(List<FrameTag> tags, FrameTag.Box box) {
        return tags.stream()
                .filter(
                        t -> {
                            float cx = t.box().x() + t.box().w() / 2;
                            float cy = t.box().y() + t.box().h() / 2;
                            return cx >= box.x()
                                    && cx <= box.x() + box.w()
                                    && cy >= box.y()
                                    && cy <= box.y() + box.h();
                        })
                .sorted(Comparator.comparingDouble(t -> t.box().x()))
                .toList();
    }

    static String normal(String text) {
        return text.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    static FrameTag.Box union(List<FrameTag> tags) {
        double x0 = 1;
        double y0 = 1;
        double x1 = 0;
        double y1 = 0;
        for (FrameTag t : tags) {
            x0 = Math.min(x0, t.box().x());
            y0 = Math.min(y0, t.box().y());
            x1 = Math.max(x1, t.box().x() + t.box().w());
            y1 = Math.max(y1, t.box().y() + t.box().h());
        }
        return FrameTag.Box.ofPixels(x0, y0, x1, y1, 1, 1);
    }

    static double iou(FrameTag.Box a, FrameTag.Box b) {
        double ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        return inter / (a.w() * a.h() + b.w() * b.h() - inter);
    }

    static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    static RgbImage jpegResource(String resource) {
        try (InputStream in = PaddleOcrImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource not found: " + resource);
            }
            return toRgb(ImageIO.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
