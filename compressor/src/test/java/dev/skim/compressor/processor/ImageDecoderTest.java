package dev.skim.compressor.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.core.encoder.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private static Frame frame(BufferedImage img, String format, ImageEncoding encoding)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return new Frame(
                "cam",
                0L,
                0L,
                Instant.EPOCH,
                img.getWidth(),
                img.getHeight(),
                encoding,
                ByteBuffer.wrap(out.toByteArray()),
                Map.of());
    }

    @Test
    void shouldDecodeJpegAndPngToTheSameRgbOrder() throws Exception {
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, x < 16 ? 0xFF0000 : 0x0000FF);
            }
        }
        ImageDecoder decoder = new ImageDecoder(1 << 20);
        RgbImage jpeg = decoder.decode(frame(img, "jpg", ImageEncoding.JPEG));
        RgbImage png = decoder.decode(frame(img, "png", ImageEncoding.PNG));

        assertThat(png.red(4, 8)).isEqualTo(255);
        assertThat(png.blue(4, 8)).isEqualTo(0);
        assertThat(png.blue(28, 8)).isEqualTo(255);
        assertThat(jpeg.red(4, 8)).isGreaterThan(200);
        assertThat(jpeg.blue(4, 8)).isLessThan(50);
        assertThat(jpeg.blue(28, 8)).isGreaterThan(200);
        assertThat(jpeg.red(28, 8)).isLessThan(50);
    }
}
