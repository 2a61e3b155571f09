package dev.skim.ingest.source;

import dev.skim.ingest.FrameSource;
import dev.skim.ingest.IngestException;
import dev.skim.ingest.SourceFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames of a video file in any container and codec FFmpeg reads (mp4, avi, mkv, webm, ...), with
 * the presentation time from the container, not from the frame index.
 *
 * <p>A truncated or corrupt file yields every frame FFmpeg can decode; frames it cannot decode, and
 * frames the container header promises but that never arrive, are counted in {@link
 * #unreadableFrames()}.
 */
public final class VideoFileSource implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(VideoFileSource.class);

    private final Path path;
    private final FfmpegReader reader;
    private long framesRead;

    private VideoFileSource(Path path, FfmpegReader reader) {
        this.path = path;
        this.reader = reader;
    }

    /**
     * Opens a video file.
     *
     * @throws IngestException SOURCE_NOT_FOUND when the file is missing or unreadable,
     *     UNSUPPORTED_FORMAT when FFmpeg cannot demux or decode it
     */
    public static VideoFileSource open(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IngestException(
                    IngestException.Reason.SOURCE_NOT_FOUND,
                    "Video file not found: "
                            + path
                            + (Files.isDirectory(absolute) ? " (a folder)" : ""));
        }
        if (!Files.isReadable(absolute)) {
            throw new IngestException(
                    IngestException.Reason.SOURCE_NOT_FOUND, "Video file not readable: " + path);
        }
        // "file:" keeps FFmpeg from reading a path such as "concat:a|b" as a protocol.
        FfmpegInput input =
                new FfmpegInput("file:" + absolute, null, Map.of(), absolute.toString());
        FfmpegReader reader =
                FfmpegReader.open(input, IngestException.Reason.UNSUPPORTED_FORMAT, false);
        LOG.info(
                "Opened {} ({} frames stated by the container)",
                absolute,
                reader.containerFrames().isPresent() ? reader.containerFrames().getAsLong() : "?");
        return new VideoFileSource(absolute, reader);
    }

    @Override
    public Optional<SourceFrame> next() {
        Optional<SourceFrame> frame = reader.next();
        frame.ifPresent(f -> framesRead++);
        return frame;
    }

    /**
     * Decode errors so far; once the file has ended, also the frames the container stated but that
     * could not be read (a truncated file).
     */
    @Override
    public long unreadableFrames() {
        long errors = reader.unreadableFrames();
        if (!reader.ended() || reader.containerFrames().isEmpty()) {
            return errors;
        }
        long missing = reader.containerFrames().getAsLong() - framesRead;
        return Math.max(errors, missing);
    }

    @Override
    public OptionalLong expectedFrames() {
        return reader.containerFrames();
    }

    @Override
    public String description() {
        return path.toString();
    }

    @Override
    public void close() {
        reader.close();
    }
}
