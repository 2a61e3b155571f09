package dev.skim.video.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {

    @TempDir Path folder;

    private void writeImage(String name, int grey) throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        ImageIO.write(image, name.endsWith(".png") ? "png" : "jpg", folder.resolve(name).toFile());
    }

    @Test
    void shouldPlayImagesInNaturalOrderAtTheGivenFpsAndCountUnreadableOnes() throws IOException {
        writeImage("img10.png", 100);
        writeImage("img2.jpg", 20);
        writeImage("img1.png", 10);
        Files.writeString(folder.resolve("img3.jpg"), "not a jpeg");
        Files.writeString(folder.resolve("readme.txt"), "ignored");

        List<SourceFrame> frames = new ArrayList<>();
        try (ImageFolderSource source = ImageFolderSource.open(folder, 4)) {
            assertThat(source.expectedFrames()).hasValue(4);
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
            assertThat(source.unreadableFrames()).isEqualTo(1);
        }
        assertThat(frames).extracting(SourceFrame::ptsMillis).containsExactly(0L, 250L, 750L);
        assertThat(frames)
                .extracting(f -> new Color(f.image().getRGB(5, 5)).getRed())
                .satisfies(
                        reds -> {
                            assertThat(reds.get(0)).isBetween(5, 15);
                            assertThat(reds.get(1)).isBetween(15, 25);
                            assertThat(reds.get(2)).isBetween(95, 105);
                        });
    }

    @Test
    void shouldSayWhenAFolderHasNoImages() throws IOException {
        Files.writeString(folder.resolve("readme.txt"), "no images");
        assertThatThrownBy(() -> ImageFolderSource.open(folder, 1))
                .isInstanceOfSatisfying(
                        FrameSourceException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(FrameSourceException.Reason.SOURCE_NOT_FOUND))
                .hasMessageContaining("No images");
    }
}
