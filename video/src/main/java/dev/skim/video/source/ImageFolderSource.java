package dev.skim.video.source;

import dev.skim.video.FrameSource;
import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images of a folder (jpg, jpeg, png, bmp, gif) as frames at a given fps, in natural name order
 * ({@code img2.png} before {@code img10.png}). Image i gets presentation time {@code round(i * 1000
 * / fps)}, counted over all image files, so an unreadable image leaves a gap in time rather than
 * shifting the rest.
 */
public final class ImageFolderSource implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderSource.class);
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private final Path folder;
    private final List<Path> files;
    private final double fps;
    private int index;
    private long unreadable;

    private ImageFolderSource(Path folder, List<Path> files, double fps) {
        this.folder = folder;
        this.files = files;
        this.fps = fps;
    }

    /**
     * Lists the images of {@code folder}.
     *
     * @throws FrameSourceException SOURCE_NOT_FOUND when the folder does not exist or holds no
     *     images
     */
    public static ImageFolderSource open(Path folder, double fps) {
        if (!(fps > 0)) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.INVALID_CONFIG,
                    "fps of an image folder must be > 0, was " + fps);
        }
        if (!Files.isDirectory(folder)) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.SOURCE_NOT_FOUND,
                    "Image folder not found: " + folder);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files =
                    list.filter(Files::isRegularFile)
                            .filter(ImageFolderSource::isImage)
                            .sorted(
                                    Comparator.comparing(
                                            p -> p.getFileName().toString(), NaturalOrder.INSTANCE))
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.SOURCE_NOT_FOUND,
                    "No images ("
                            + String.join(", ", EXTENSIONS.stream().sorted().toList())
                            + ") in "
                            + folder);
        }
        return new ImageFolderSource(folder, files, fps);
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    @Override
    public Optional<SourceFrame> next() {
        while (index < files.size()) {
            int i = index++;
            Path file = files.get(i);
            BufferedImage image = read(file);
            if (image != null) {
                return Optional.of(new SourceFrame(Math.round(i * 1000.0 / fps), image));
            }
            unreadable++;
        }
        return Optional.empty();
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                LOG.warn("Unreadable image {}: not a format ImageIO decodes", file);
            }
            return image;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Unreadable image {}: {}", file, e.toString());
            return null;
        }
    }

    @Override
    public long unreadableFrames() {
        return unreadable;
    }

    @Override
    public OptionalLong expectedFrames() {
        return OptionalLong.of(files.size());
    }

    @Override
    public String description() {
        return folder.toString();
    }

    @Override
    public void close() {
        // Files are opened and closed per image.
    }
}
