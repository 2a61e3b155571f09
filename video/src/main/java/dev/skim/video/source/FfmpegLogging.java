package dev.skim.video.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's own log lines to SLF4J (logger {@code ffmpeg}) with URLs masked, instead of raw to
 * stderr. FFmpeg errors are logged at DEBUG: the sources report every failure themselves, in terms
 * a user understands; turn the {@code ffmpeg} logger to DEBUG to see FFmpeg's details.
 *
 * <p>{@link #captureErrors()} keeps the error lines FFmpeg logs on the calling thread meanwhile, so
 * that a failure to open an input can say what FFmpeg found wrong ("moov atom not found") rather
 * than only its generic error code.
 */
final class FfmpegLogging extends LogCallback {

    private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");
    private static final FfmpegLogging INSTANCE = new FfmpegLogging();
    private static final ThreadLocal<ErrorCapture> CAPTURE = new ThreadLocal<>();
    // "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x7f9c64c216c0] moov atom not found": the address says nothing.
    private static final Pattern CONTEXT_ADDRESS = Pattern.compile(" @ 0x[0-9a-fA-F]+\\]");

    static {
        INSTANCE.retainReference();
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        avutil.setLogCallback(INSTANCE);
    }

    private FfmpegLogging() {}

    /** Installs the callback (once per JVM). */
    static void install() {
        // The static initializer does the work.
    }

    /**
     * Starts keeping FFmpeg's error lines logged on this thread, until the capture is closed. Lines
     * logged by FFmpeg's own threads (frame-threaded decoding) are not seen.
     */
    static ErrorCapture captureErrors() {
        ErrorCapture capture = new ErrorCapture(CAPTURE.get());
        CAPTURE.set(capture);
        return capture;
    }

    @Override
    public void call(int level, BytePointer message) {
        String text = message.getString().strip();
        if (text.isEmpty()) {
            return;
        }
        ErrorCapture capture = CAPTURE.get();
        if (capture != null && level <= avutil.AV_LOG_ERROR) {
            capture.add(UrlMasking.mask(CONTEXT_ADDRESS.matcher(text).replaceAll("]")));
        }
        if (level <= avutil.AV_LOG_FATAL) {
            LOG.warn("{}", UrlMasking.mask(text));
        } else {
            LOG.debug("{}", UrlMasking.mask(text));
        }
    }

    /** FFmpeg's error lines on one thread while it is open; the last few distinct ones are kept. */
    static final class ErrorCapture implements AutoCloseable {
        private static final int MAX_LINES = 3;
        private final ErrorCapture outer;
        private final List<String> lines = new ArrayList<>();

        private ErrorCapture(ErrorCapture outer) {
            this.outer = outer;
        }

        private void add(String line) {
            lines.remove(line);
            lines.add(line);
            if (lines.size() > MAX_LINES) {
                lines.remove(0);
            }
        }

        /** The lines joined with "; ", or empty when FFmpeg logged no error. */
        String summary() {
            return String.join("; ", lines);
        }

        @Override
        public void close() {
            if (CAPTURE.get() == this) {
                if (outer == null) {
                    CAPTURE.remove();
                } else {
                    CAPTURE.set(outer);
                }
            }
        }
    }
}
