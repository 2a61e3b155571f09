package dev.skim.video.source;

import dev.skim.video.FrameSource;
import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Frames of a local camera through FFmpeg's capture devices: {@code v4l2} on Linux ({@code
 * /dev/video0}), {@code avfoundation} on macOS ({@code 0}), {@code dshow} on Windows ({@code
 * video=Name}). Presentation times count from the first captured frame.
 */
public final class CameraSource implements FrameSource {

    private final FfmpegReader reader;
    private final String device;

    private CameraSource(FfmpegReader reader, String device) {
        this.reader = reader;
        this.device = device;
    }

    /**
     * Opens a camera.
     *
     * @param device the device ({@code /dev/video0}, or a bare index such as {@code 0})
     * @param width requested capture width, or 0 for the device's default
     * @param height requested capture height, or 0 for the device's default
     * @param fps requested capture frame rate, or 0 for the device's default
     * @throws FrameSourceException SOURCE_NOT_FOUND when there is no such device (the message lists
     *     the devices that exist), UNSUPPORTED_FORMAT when FFmpeg cannot capture from it
     */
    public static CameraSource open(String device, int width, int height, double fps) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String format;
        String url;
        if (os.contains("linux")) {
            format = "v4l2";
            url = device.matches("\\d+") ? "/dev/video" + device : device;
            if (!Files.exists(Path.of(url))) {
                List<String> found = linuxDevices();
                throw new FrameSourceException(
                        FrameSourceException.Reason.SOURCE_NOT_FOUND,
                        "No camera at "
                                + url
                                + (found.isEmpty()
                                        ? "; this machine has no video devices (/dev/video*)"
                                        : "; video devices here: " + String.join(", ", found)));
            }
        } else if (os.contains("mac")) {
            format = "avfoundation";
            url = device;
        } else if (os.contains("win")) {
            format = "dshow";
            url = device.startsWith("video=") ? device : "video=" + device;
        } else {
            throw new FrameSourceException(
                    FrameSourceException.Reason.UNSUPPORTED_FORMAT,
                    "Camera capture is not supported on " + System.getProperty("os.name"));
        }
        Map<String, String> options = new HashMap<>();
        if (width > 0 && height > 0) {
            options.put("video_size", width + "x" + height);
        }
        if (fps > 0) {
            options.put("framerate", String.valueOf(fps));
        }
        FfmpegReader reader =
                FfmpegReader.open(
                        new FfmpegInput(url, format, options, "camera " + url),
                        FrameSourceException.Reason.UNSUPPORTED_FORMAT,
                        true);
        return new CameraSource(reader, url);
    }

    static List<String> linuxDevices() {
        Path dev = Path.of("/dev");
        if (!Files.isDirectory(dev)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dev)) {
            return files.map(Path::toString)
                    .filter(p -> p.startsWith("/dev/video"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list /dev", e);
        }
    }

    @Override
    public Optional<SourceFrame> next() {
        return reader.next();
    }

    @Override
    public long unreadableFrames() {
        return reader.unreadableFrames();
    }

    @Override
    public long damagedFrames() {
        return reader.damagedFrames();
    }

    @Override
    public String description() {
        return "camera " + device;
    }

    @Override
    public void close() {
        reader.close();
    }
}
