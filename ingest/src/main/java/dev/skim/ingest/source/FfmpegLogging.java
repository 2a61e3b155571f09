package dev.skim.ingest.source;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's own log lines to SLF4J (logger {@code ffmpeg}) with URLs masked, instead of raw to
 * stderr. FFmpeg errors are logged at DEBUG: ingest reports every failure itself, in terms a user
 * understands; turn the {@code ffmpeg} logger to DEBUG to see FFmpeg's details.
 */
final class FfmpegLogging extends LogCallback {

    private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");
    private static final FfmpegLogging INSTANCE = new FfmpegLogging();

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

    @Override
    public void call(int level, BytePointer message) {
        String text = message.getString().strip();
        if (text.isEmpty()) {
            return;
        }
        if (level <= avutil.AV_LOG_FATAL) {
            LOG.warn("{}", UrlMasking.mask(text));
        } else {
            LOG.debug("{}", UrlMasking.mask(text));
        }
    }
}
