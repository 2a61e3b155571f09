// Decodes an image (JPEG, PNG) with the JDK's ImageIO, the decoder Skim's Java tests use, and writes
// it as binary PPM (P6), so that the Node golden scripts see exactly the Java pixels.
// Usage: java DecodeImage.java <image> <out.ppm>
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

public class DecodeImage {
    public static void main(String[] args) throws IOException {
        BufferedImage image = ImageIO.read(new File(args[0]));
        if (image == null) {
            throw new IOException("not an image ImageIO can read: " + args[0]);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(args[1]))) {
            out.write(("P6\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    out.write((rgb >> 16) & 0xFF);
                    out.write((rgb >> 8) & 0xFF);
                    out.write(rgb & 0xFF);
                }
            }
        }
    }
}
