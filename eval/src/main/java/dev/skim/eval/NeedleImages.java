package dev.skim.eval;

import dev.skim.video.cli.CliException;
import dev.skim.video.cli.ExitCode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Needle pictures: generated ones (bold patterns in saturated colours, unlike natural video and
 * unlike each other, the same for the same seed) or the user's own image files.
 */
final class NeedleImages {

    /** A needle picture and where it came from. */
    record Named(String name, BufferedImage image) {}

    private NeedleImages() {}

    /** count distinct generated needles of the given size. */
    static List<Named> generate(int count, long seed, int width, int height) {
        List<Named> out = new ArrayList<>(count);
        SplittableRandom random = new SplittableRandom(seed ^ 0x6e65656466L);
        for (int i = 0; i < count; i++) {
            out.add(new Named("generated-" + i, draw(i, random.split(), width, height)));
        }
        return out;
    }

    /** Generated needle number id of the given size, for spatial needles (its own seed). */
    static Named generatedSpatial(int id, long seed, int width, int height) {
        SplittableRandom random =
                new SplittableRandom(seed ^ 0x73706174L ^ (0x9e3779b97f4a7c15L * (id + 1)));
        return new Named("generated-spatial-" + id, draw(id, random, width, height));
    }

    /**
     * Reads the user's needle images.
     *
     * @throws CliException SOURCE_NOT_FOUND when a file is missing or not a readable image
     */
    static List<Named> read(List<Path> files) {
        List<Named> out = new ArrayList<>(files.size());
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new CliException(
                        ExitCode.SOURCE_NOT_FOUND, "Needle image not found or not readable: " + f);
            }
            BufferedImage img;
            try {
                img = ImageIO.read(f.toFile());
            } catch (IOException e) {
                throw new CliException(
                        ExitCode.SOURCE_NOT_FOUND,
                        "Needle image cannot be read: " + f + ": " + e.getMessage(),
                        e);
            }
            if (img == null) {
                throw new CliException(
                        ExitCode.SOURCE_NOT_FOUND,
                        "Needle image is not a PNG, JPEG, BMP or GIF image: " + f);
            }
            out.add(new Named(f.getFileName().toString(), img));
        }
        return out;
    }

    private static BufferedImage draw(int id, SplittableRandom random, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float hue = random.nextInt(360) / 360f;
        Color back = Color.getHSBColor(hue, 0.9f, 0.95f);
        Color front = Color.getHSBColor((hue + 0.5f) % 1f, 1f, 0.35f + random.nextInt(40) / 100f);
        g.setColor(back);
        g.fillRect(0, 0, width, height);
        g.setColor(front);
        int unit = Math.max(4, Math.min(width, height) / (6 + random.nextInt(6)));
        switch (id % 4) {
            case 0 -> {
                g.setStroke(new BasicStroke(unit / 2f));
                for (int r = unit; r < Math.max(width, height); r += unit) {
                    g.drawOval(width / 2 - r, height / 2 - r, 2 * r, 2 * r);
                }
            }
            case 1 -> {
                for (int y = 0; y < height; y += unit) {
                    for (int x = ((y / unit) % 2) * unit; x < width; x += 2 * unit) {
                        g.fillRect(x, y, unit, unit);
                    }
                }
            }
            case 2 -> {
                g.setStroke(new BasicStroke(unit / 2f));
                for (int x = -height; x < width + height; x += unit) {
                    g.drawLine(x, 0, x + height, height);
                }
            }
            default -> {
                for (int k = 0; k < 12; k++) {
                    int s = unit + random.nextInt(3 * unit);
                    g.fillOval(random.nextInt(width), random.nextInt(height), s, s);
                }
            }
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, height / 4)));
        g.drawString("N" + id, width / 10, height * 2 / 3);
        g.dispose();
        return img;
    }
}
