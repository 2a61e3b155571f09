package dev.skim.video.source;

import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the video frames of one FFmpeg input into {@link SourceFrame}s with the grabber's
 * presentation timestamps. Read errors are counted and skipped; after too many in a row the input
 * is treated as ended, so a corrupt file never loops forever.
 *
 * <p>JavaCV's grabber drops packets the decoder rejects without a word, so frames that never arrive
 * are only known by count where the container states one (see {@link VideoFileSource}). Frames
 * FFmpeg decoded with errors, concealing the damaged parts, are returned and counted in {@link
 * #damagedFrames()}.
 */
final class FfmpegReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegReader.class);
    static final int MAX_CONSECUTIVE_ERRORS = 64;

    /** AVFrame.flags bit: the decoder marked the frame corrupt. */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;

    /**
     * The grabber's decoded AVFrame. JavaCV hands out only the converted BGR copy, which carries no
     * decode error flags, so the source frame is read from the grabber's private field; null when a
     * JavaCV version no longer has it (then damaged frames are not counted, and that is logged).
     */
    private static final Field DECODED_PICTURE = decodedPictureField();

    static {
        FfmpegLogging.install();
    }

    private final FFmpegFrameGrabber grabber;
    private final FfmpegInput input;
    private final long containerFrames;
    private final boolean rebase;
    private long firstTimestampMicros = -1;
    private long lastPtsMillis = 0;
    private long unreadable;
    private long damaged;
    private boolean ended;
    private boolean closed;

    private FfmpegReader(
            FFmpegFrameGrabber grabber, FfmpegInput input, long containerFrames, boolean rebase) {
        this.grabber = grabber;
        this.input = input;
        this.containerFrames = containerFrames;
        this.rebase = rebase;
    }

    /**
     * Opens the input.
     *
     * @param openFailure the reason to report when FFmpeg cannot open the input
     * @param rebase whether pts count from the first frame (live inputs, whose clocks start
     *     anywhere) rather than from the start of the file
     * @throws FrameSourceException openFailure when FFmpeg cannot open it, UNSUPPORTED_FORMAT when
     *     it has no video
     */
    static FfmpegReader open(
            FfmpegInput input, FrameSourceException.Reason openFailure, boolean rebase) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.url());
        if (input.format() != null) {
            grabber.setFormat(input.format());
        }
        input.options().forEach(grabber::setOption);
        // No setPixelFormat: the default image mode already gives BGR24, and setting it passes a
        // pixel_format option that most demuxers reject with a line on stderr.
        FfmpegLogging.ErrorCapture ffmpegErrors = FfmpegLogging.captureErrors();
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(grabber, input, e);
            throw new FrameSourceException(
                    openFailure,
                    "Cannot open "
                            + input.description()
                            + ": "
                            + cleanMessage(e)
                            + ffmpegSaid(ffmpegErrors),
                    e);
        } finally {
            ffmpegErrors.close();
        }
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
            releaseQuietly(grabber, input, null);
            throw new FrameSourceException(
                    FrameSourceException.Reason.UNSUPPORTED_FORMAT,
                    "No decodable video stream in "
                            + input.description()
                            + ffmpegSaid(ffmpegErrors));
        }
        return new FfmpegReader(grabber, input, containerFrameCount(grabber), rebase);
    }

    private static String ffmpegSaid(FfmpegLogging.ErrorCapture errors) {
        String said = errors.summary();
        return said.isEmpty() ? "" : " (FFmpeg: " + said + ")";
    }

    private static long containerFrameCount(FFmpegFrameGrabber grabber) {
        AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
        return stream == null ? 0 : Math.max(0, stream.nb_frames());
    }

    Optional<SourceFrame> next() {
        int consecutiveErrors = 0;
        while (!ended) {
            Frame frame;
            try {
                frame = grabber.grabImage();
            } catch (FrameGrabber.Exception e) {
                unreadable++;
                consecutiveErrors++;
                LOG.warn(
                        "Unreadable frame in {} after pts {} ms: {}",
                        input.description(),
                        lastPtsMillis,
                        cleanMessage(e));
                if (consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
                    LOG.warn(
                            "{} consecutive decode errors in {}; treating it as ended",
                            consecutiveErrors,
                            input.description());
                    ended = true;
                }
                continue;
            }
            if (frame == null) {
                ended = true;
                break;
            }
            if (frame.image == null || frame.imageWidth <= 0) {
                continue;
            }
            long pts = ptsMillis(frame);
            countIfDamaged(pts);
            return Optional.of(new SourceFrame(pts, toImage(frame)));
        }
        return Optional.empty();
    }

    private void countIfDamaged(long pts) {
        if (DECODED_PICTURE == null) {
            return;
        }
        AVFrame picture;
        try {
            picture = (AVFrame) DECODED_PICTURE.get(grabber);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read JavaCV's decoded frame", e);
        }
        if (picture == null
                || (picture.decode_error_flags() == 0
                        && (picture.flags() & AV_FRAME_FLAG_CORRUPT) == 0)) {
            return;
        }
        damaged++;
        if (damaged == 1) {
            LOG.warn(
                    "Decode errors in {} at pts {} ms: FFmpeg concealed the damage and the frame"
                            + " is kept; further damaged frames are counted, not logged",
                    input.description(),
                    pts);
        } else {
            LOG.debug("Decode errors in {} at pts {} ms", input.description(), pts);
        }
    }

    private static Field decodedPictureField() {
        try {
            Field field = FFmpegFrameGrabber.class.getDeclaredField("picture");
            if (!AVFrame.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException("picture is a " + field.getType());
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.warn(
                    "This JavaCV version hides its decoded frame ({}); frames FFmpeg decodes with"
                            + " errors will not be counted as damaged",
                    e.toString());
            return null;
        }
    }

    private long ptsMillis(Frame frame) {
        long micros = frame.timestamp;
        if (firstTimestampMicros < 0) {
            firstTimestampMicros = rebase || micros < 0 ? micros : 0L;
        }
        long pts = Math.max(0L, (micros - firstTimestampMicros) / 1000L);
        // Keep the contract (non-decreasing) even for streams with broken timestamps.
        lastPtsMillis = Math.max(lastPtsMillis, pts);
        return lastPtsMillis;
    }

    private static BufferedImage toImage(Frame frame) {
        int width = frame.imageWidth;
        int height = frame.imageHeight;
        int stride = frame.imageStride;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer source = ((ByteBuffer) frame.image[0]).duplicate();
        int rowBytes = width * 3;
        for (int y = 0; y < height; y++) {
            source.position(y * stride);
            source.get(target, y * rowBytes, rowBytes);
        }
        return image;
    }

    /** Frames skipped because FFmpeg failed to read or decode them. */
    long unreadableFrames() {
        return unreadable;
    }

    /** Frames returned although FFmpeg reported decode errors in them (concealed damage). */
    long damagedFrames() {
        return damaged;
    }

    /** The frame count the container states (e.g. an AVI header), when it states one. */
    OptionalLong containerFrames() {
        return containerFrames > 0 ? OptionalLong.of(containerFrames) : OptionalLong.empty();
    }

    long lastPtsMillis() {
        return lastPtsMillis;
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("Cannot close " + input.description() + ": " + e, e);
        }
    }

    private static void releaseQuietly(
            FFmpegFrameGrabber grabber, FfmpegInput input, Exception primary) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                LOG.warn("Cannot release FFmpeg for {}: {}", input.description(), e.toString());
            }
        }
    }

    /** JavaCV's message without its hints for developers, with URLs masked. */
    static String cleanMessage(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String clean =
                NO_STREAM
                        .matcher(COULD_NOT_OPEN_INPUT.matcher(message).replaceFirst(""))
                        .replaceFirst("it holds no video or audio stream FFmpeg can read")
                        .replace(" (Has setFormat() been called?)", "")
                        .replace(
                                " (For more details, make sure FFmpegLogCallback.set() has been called.)",
                                "");
        Matcher code = AV_ERROR.matcher(clean);
        if (code.find()) {
            clean =
                    code.replaceFirst(
                            "error $1 ("
                                    + Matcher.quoteReplacement(
                                            avError(Integer.parseInt(code.group(1))))
                                    + "):");
        }
        clean = clean.strip();
        if (clean.endsWith(":")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        return UrlMasking.mask(clean);
    }

    private static final Pattern AV_ERROR = Pattern.compile("error (-\\d+):");
    // The caller names the input itself (masked); JavaCV's copy of the URL says nothing more.
    private static final Pattern COULD_NOT_OPEN_INPUT =
            Pattern.compile(" ?Could not open input \".*\"\\.?");
    private static final Pattern NO_STREAM =
            Pattern.compile(
                    "Did not find a video or audio stream inside \".*\" for videoStream =="
                            + " -?\\d+ and audioStream == -?\\d+\\.?");

    private static String avError(int code) {
        byte[] text = new byte[256];
        try (BytePointer buffer = new BytePointer(text.length)) {
            avutil.av_strerror(code, buffer, text.length);
            buffer.get(text);
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
