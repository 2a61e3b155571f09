package dev.skim.bridge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.core.encoder.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Search by image refuses what it cannot or should not decode with a 4xx, never a 500. */
class SimilarImageTest {

    private static byte[] jpeg(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }

    private static int status(Throwable t) {
        return switch (((SimilarException) t).kind()) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case UNPROCESSABLE -> 422;
            case UNAVAILABLE -> 503;
        };
    }

    @Test
    void shouldDecodeAJpeg() throws Exception {
        RgbImage image = SimilarService.decode(jpeg(64, 48));
        assertThat(image.width()).isEqualTo(64);
        assertThat(image.height()).isEqualTo(48);
    }

    @Test
    void shouldRefuseAJpegThatDeclaresAHugeSizeBeforeDecodingIt() throws Exception {
        byte[] bytes = jpeg(64, 48);
        // the baseline frame header (FF C0): length (2), precision (1), height (2), width (2)
        for (int i = 0; i + 8 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xC0) {
                bytes[i + 5] = (byte) 0x4E; // 20000
                bytes[i + 6] = (byte) 0x20;
                bytes[i + 7] = (byte) 0x4E;
                bytes[i + 8] = (byte) 0x20;
                break;
            }
        }
        assertThatThrownBy(() -> SimilarService.decode(bytes))
                .isInstanceOf(SimilarException.class)
                .satisfies(t -> assertThat(status(t)).isEqualTo(413))
                .hasMessageContaining("20000x20000");
    }

    @Test
    void shouldRefuseBytesThatAreNoImage() {
        assertThatThrownBy(() -> SimilarService.decode(new byte[] {1, 2, 3}))
                .satisfies(t -> assertThat(status(t)).isEqualTo(400))
                .hasMessageContaining("not a readable JPEG");
        assertThatThrownBy(() -> SimilarService.decode(new byte[0]))
                .satisfies(t -> assertThat(status(t)).isEqualTo(400));
    }

    @Test
    void shouldRefuseAJpegCutShortWithA400() throws Exception {
        byte[] full = jpeg(64, 48);
        byte[] cut = java.util.Arrays.copyOf(full, 200);
        assertThatThrownBy(() -> SimilarService.decode(cut))
                .satisfies(t -> assertThat(status(t)).isEqualTo(400));
    }
}
