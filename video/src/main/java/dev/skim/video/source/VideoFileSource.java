package dev.skim.video.source;

import dev.skim.video.FrameSource;
import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * <p>A truncated or corrupt file yields every frame FFmpeg can decode. Frames the container states
 * (AVI header, MP4 sample table) but that never arrive decoded are counted in {@link
 * #unreadableFrames()} once the file has ended; containers that state no count (Matroska, MPEG-TS,
 * fragmented MP4) cannot say how many were lost. Frames FFmpeg decoded with concealed errors are
 * returned and counted in {@link #damagedFrames()}. A file that opens but yields not one frame ends
 * with UNSUPPORTED_FORMAT rather than as an empty video.
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
     * @throws FrameSourceException SOURCE_NOT_FOUND when the file is missing or unreadable,
     *     UNSUPPORTED_FORMAT when FFmpeg cannot demux or decode it
     */
    public static VideoFileSource open(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.SOURCE_NOT_FOUND,
                    "Video file not found: "
                            + path
                            + (Files.isDirectory(absolute) ? " (a folder)" : ""));
        }
        if (!Files.isReadable(absolute)) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.SOURCE_NOT_FOUND,
                    "Video file not readable: " + path);
        }
        if (size(absolute) == 0) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.UNSUPPORTED_FORMAT,
                    "Cannot open " + absolute + ": the file is empty (0 bytes)");
        }
        // "file:" keeps FFmpeg from reading a path such as "concat:a|b" as a protocol.
        FfmpegInput input =
                new FfmpegInput("file:" + absolute, null, Map.of(), absolute.toString());
        FfmpegReader reader =
                FfmpegReader.open(input, FrameSourceException.Reason.UNSUPPORTED_FORMAT, false);
        LOG.info(
                "Opened {} ({} frames stated by the container)",
                absolute,
                reader.containerFrames().isPresent() ? reader.containerFrames().getAsLong() : "?");
        return new VideoFileSource(absolute, reader);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws FrameSourceException UNSUPPORTED_FORMAT when the file ends before one frame could be
     *     decoded
     */
    @Override
    public Optional<SourceFrame> next() {
        Optional<SourceFrame> frame = reader.next();
        if (frame.isPresent()) {
            framesRead++;
        } else if (framesRead == 0) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.UNSUPPORTED_FORMAT,
                    "Cannot decode any frame of "
                            + path
                            + (reader.containerFrames().isPresent()
                                    ? " ("
                                            + reader.containerFrames().getAsLong()
                                            + " frames stated by the container)"
                                    : "")
                            + ": it is damaged beyond what FFmpeg can read");
        }
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

    /** Frames decoded with errors that FFmpeg concealed; they were returned. */
    @Override
    public long damagedFrames() {
        return reader.damagedFrames();
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
