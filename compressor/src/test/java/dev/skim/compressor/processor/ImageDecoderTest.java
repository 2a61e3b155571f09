package dev.skim.compressor.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.core.encoder.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
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

    /** A smooth picture with edges, like a camera frame: gradients and a few solid blocks. */
    private static BufferedImage scene(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = x * 255 / w;
                int g = y * 255 / h;
                int b = (x / 40 + y / 40) % 2 == 0 ? 60 : 190;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    @Test
    void shouldDecodeJpegWithFfmpegCloseToImageIo() throws Exception {
        BufferedImage img = scene(320, 240);
        Frame frame = frame(img, "jpg", ImageEncoding.JPEG);
        byte[] data = frame.getData().array();
        BufferedImage reference = ImageIO.read(new java.io.ByteArrayInputStream(data));
        byte[] bgr = ((DataBufferByte) reference.getRaster().getDataBuffer()).getData();

        RgbImage decoded;
        try (FfmpegJpegDecoder ffmpeg = new FfmpegJpegDecoder()) {
            decoded = ffmpeg.decode(data);
            // the same decoder again, as a stream task uses it
            assertThat(ffmpeg.decode(data).rgb()).isEqualTo(decoded.rgb());
        }

        assertThat(decoded.width()).isEqualTo(320);
        assertThat(decoded.height()).isEqualTo(240);
        long diff = 0;
        for (int p = 0; p < bgr.length; p += 3) {
            for (int c = 0; c < 3; c++) {
                diff += Math.abs((decoded.rgb()[p + c] & 0xFF) - (bgr[p + 2 - c] & 0xFF));
            }
        }
        // bilinear chroma upsampling against ImageIO's: about one level in 255 on average
        assertThat((double) diff / bgr.length).isLessThan(2.0);
    }

    @Test
    void shouldRejectWhatIsNotAJpegWithTheReason() throws Exception {
        Frame good = frame(scene(64, 48), "jpg", ImageEncoding.JPEG);
        byte[] data = good.getData().array();
        Frame garbage = copy(good, new byte[] {1, 2, 3, 4, 5});
        Frame wrongSize =
                new Frame(
                        "cam",
                        0L,
                        0L,
                        Instant.EPOCH,
                        65,
                        48,
                        ImageEncoding.JPEG,
                        ByteBuffer.wrap(data),
                        Map.of());
        try (ImageDecoder decoder = new ImageDecoder(1 << 20)) {
            assertThatThrownBy(() -> decoder.decode(garbage))
                    .isInstanceOf(ImageDecoder.InvalidImageException.class)
                    .hasMessageContaining("JPEG");
            assertThatThrownBy(() -> decoder.decode(wrongSize))
                    .isInstanceOf(ImageDecoder.InvalidImageException.class)
                    .hasMessageContaining("64x48 but the frame declares 65x48");
            // a refused frame leaves the decoder usable
            assertThat(decoder.decode(good).width()).isEqualTo(64);
        }
        try (FfmpegJpegDecoder ffmpeg = new FfmpegJpegDecoder()) {
            assertThatThrownBy(() -> ffmpeg.decode(Arrays.copyOf(data, data.length / 3)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("FFmpeg");
            assertThat(ffmpeg.decode(data).height()).isEqualTo(48);
        }
    }

    @Test
    void shouldRefuseAJpegCutShortInsteadOfConcealingTheMissingPart() throws Exception {
        Frame good = frame(scene(320, 240), "jpg", ImageEncoding.JPEG);
        byte[] data = good.getData().array();
        // past the headers, in the middle of the scan: ImageIO alone would return an image
        // that is grey below the cut, with only a warning
        Frame cut = copy(good, Arrays.copyOf(data, data.length * 2 / 3));
        try (ImageDecoder decoder = new ImageDecoder(1 << 20)) {
            assertThatThrownBy(() -> decoder.decode(cut))
                    .isInstanceOf(ImageDecoder.InvalidImageException.class)
                    .hasMessageContaining("JPEG data")
                    .hasMessageContaining("damaged");
            assertThat(decoder.decode(good).width()).isEqualTo(320);
        }
    }

    @Test
    void shouldPadTheRowsSwscaleWritesSoNoWidthOverrunsTheBuffer() {
        for (int w : new int[] {1, 15, 16, 360, 368, 720, 4096}) {
            int stride = FfmpegJpegDecoder.paddedStride(w);
            // swscale's SIMD writers store whole 16-pixel blocks
            int written = (w + 15) / 16 * 16 * 3;
            assertThat(stride).as("width %d", w).isGreaterThanOrEqualTo(written);
            assertThat(stride % (FfmpegJpegDecoder.ROW_ALIGN * 3)).isZero();
        }
    }

    @Test
    void shouldDecodeLargeJpegsAtTheSmallestScaleTheConsumersNeed() throws Exception {
        Frame big = frame(scene(768, 576), "jpg", ImageEncoding.JPEG);
        Frame small = frame(scene(320, 240), "jpg", ImageEncoding.JPEG);
        // a 224x224 encoder and 320-pixel keyframes
        try (ImageDecoder decoder = new ImageDecoder(1 << 24, new ImageDecoder.MinSize(224, 320))) {
            RgbImage half = decoder.decode(big);
            assertThat(half.width()).isEqualTo(384);
            assertThat(half.height()).isEqualTo(288);
            // a 2x2 box average of the full-size decode, give or take the JPEG rounding
            RgbImage full = new ImageDecoder(1 << 24).decode(big);
            long diff = 0;
            for (int y = 0; y < 288; y++) {
                for (int x = 0; x < 384; x++) {
                    for (int c = 0; c < 3; c++) {
                        int sum = 0;
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                sum += full.rgb()[((2 * y + dy) * 768 + 2 * x + dx) * 3 + c] & 0xFF;
                            }
                        }
                        diff += Math.abs((half.rgb()[(y * 384 + x) * 3 + c] & 0xFF) - sum / 4);
                    }
                }
            }
            assertThat((double) diff / (384 * 288 * 3)).isLessThan(4.0);
            // halving 320x240 would go below the encoder's 224: full size
            assertThat(decoder.decode(small).width()).isEqualTo(320);
        }
        assertThat(new ImageDecoder.MinSize(224, 320).scale(1920, 1080)).isEqualTo(2);
        assertThat(new ImageDecoder.MinSize(224, 320).scale(3840, 2160)).isEqualTo(3);
        assertThat(ImageDecoder.MinSize.FULL.scale(3840, 2160)).isZero();
    }

    @Test
    void shouldRefuseAJpegLargerThanItsFrameDeclaresBeforeDecodingIt() throws Exception {
        // a small frame whose JPEG header says 2000x1500: refused by FFmpeg (max pixels) and by
        // ImageIO's header check, with the real size in the message
        Frame big = frame(scene(2000, 1500), "jpg", ImageEncoding.JPEG);
        Frame liar = copy(big, big.getData().array());
        liar.setWidth(64);
        liar.setHeight(48);
        try (ImageDecoder decoder = new ImageDecoder(64 * 48)) {
            assertThatThrownBy(() -> decoder.decode(liar))
                    .isInstanceOf(ImageDecoder.InvalidImageException.class)
                    .hasMessageContaining("JPEG is 2000x1500 but the frame declares 64x48");
        }
        try (FfmpegJpegDecoder ffmpeg = new FfmpegJpegDecoder(0, 64 * 48)) {
            assertThatThrownBy(() -> ffmpeg.decode(big.getData().array()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Frame copy(Frame f, byte[] data) {
        return new Frame(
                f.getStreamId(),
                f.getSeq(),
                f.getPtsMillis(),
                f.getCapturedAt(),
                f.getWidth(),
                f.getHeight(),
                f.getEncoding(),
                ByteBuffer.wrap(data),
                f.getAttributes());
    }
}
