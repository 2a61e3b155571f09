package dev.skim.video.source;

import dev.skim.video.FrameSource;
import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames of a network stream (RTSP, RTMP, HTTP/HTTPS, SRT, ...) read by FFmpeg, with reconnect and
 * exponential backoff. Presentation times count from the first frame received and stay
 * non-decreasing across reconnects (the time spent reconnecting is added, as a live camera's clock
 * would have moved on).
 *
 * <p>Only schemes allowed by {@link NetworkOptions#allowedSchemes()} are opened; credentials never
 * appear in logs or messages.
 */
public final class NetworkStreamSource implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkStreamSource.class);

    private final StreamUrl url;
    private final NetworkOptions options;
    private final Sleeper sleeper;
    private FfmpegReader reader;
    private long ptsOffset;
    private long lastPts = -1;
    private long lastFrameNanos;
    private long unreadableOfClosedReaders;
    private long damagedOfClosedReaders;
    private int reconnects;
    private boolean ended;

    /** Waits between reconnect attempts; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    NetworkStreamSource(StreamUrl url, NetworkOptions options, Sleeper sleeper) {
        this.url = url;
        this.options = options;
        this.sleeper = sleeper;
    }

    /**
     * Connects to {@code url} (retrying with backoff) and returns the source.
     *
     * @throws FrameSourceException SOURCE_UNAVAILABLE when no connection succeeds within the
     *     allowed attempts
     */
    public static NetworkStreamSource open(StreamUrl url, NetworkOptions options) {
        NetworkStreamSource source =
                new NetworkStreamSource(url, options, d -> Thread.sleep(d.toMillis()));
        source.connect();
        return source;
    }

    @Override
    public Optional<SourceFrame> next() {
        while (!ended) {
            if (reader == null && !connect()) {
                return Optional.empty();
            }
            Optional<SourceFrame> frame = reader.next();
            if (frame.isPresent()) {
                reconnects = 0;
                lastFrameNanos = System.nanoTime();
                long pts = Math.max(lastPts, ptsOffset + frame.get().ptsMillis());
                lastPts = pts;
                return Optional.of(frame.get().withPtsMillis(pts));
            }
            closeReader();
            if (!options.reconnectAtEnd()) {
                LOG.info("{} ended", url);
                ended = true;
            } else {
                LOG.warn("{} ended or dropped; reconnecting", url);
            }
        }
        return Optional.empty();
    }

    /** Opens a reader, retrying with backoff. Returns false if interrupted. */
    private boolean connect() {
        while (true) {
            try {
                reader =
                        FfmpegReader.open(
                                new FfmpegInput(url.secret(), null, ffmpegOptions(), url.masked()),
                                FrameSourceException.Reason.SOURCE_UNAVAILABLE,
                                true);
                if (lastPts >= 0) {
                    long gapMillis = (System.nanoTime() - lastFrameNanos) / 1_000_000L;
                    ptsOffset = lastPts + Math.max(1, gapMillis);
                }
                LOG.info("Connected to {}", url);
                return true;
            } catch (FrameSourceException e) {
                if (e.reason() == FrameSourceException.Reason.UNSUPPORTED_FORMAT) {
                    throw e;
                }
                reconnects++;
                if (reconnects > options.maxReconnects()) {
                    ended = true;
                    throw new FrameSourceException(
                            FrameSourceException.Reason.SOURCE_UNAVAILABLE,
                            "Gave up on "
                                    + url
                                    + " after "
                                    + reconnects
                                    + " failed connection attempt(s): "
                                    + e.getMessage(),
                            e);
                }
                Duration wait = options.backoff(reconnects);
                LOG.warn(
                        "Cannot connect to {} (attempt {} of {}), retrying in {} ms: {}",
                        url,
                        reconnects,
                        options.maxReconnects() + 1,
                        wait.toMillis(),
                        e.getMessage());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    ended = true;
                    return false;
                }
            }
        }
    }

    private Map<String, String> ffmpegOptions() {
        Map<String, String> o = new HashMap<>();
        long timeoutMicros = options.ioTimeout().toMillis() * 1000L;
        o.put("rw_timeout", String.valueOf(timeoutMicros));
        switch (url.scheme()) {
            case "rtsp", "rtsps" -> {
                o.put("rtsp_transport", "tcp");
                o.put("timeout", String.valueOf(timeoutMicros));
            }
            case "http", "https" -> {
                // FFmpeg resumes a dropped HTTP transfer itself, at the right byte offset;
                // failed connections are retried here, with this class's backoff.
                o.put("reconnect", "1");
                o.put(
                        "reconnect_delay_max",
                        String.valueOf(Math.max(1, options.maxBackoff().toSeconds())));
            }
            default -> {}
        }
        return o;
    }

    @Override
    public long unreadableFrames() {
        return unreadableOfClosedReaders + (reader == null ? 0 : reader.unreadableFrames());
    }

    @Override
    public long damagedFrames() {
        return damagedOfClosedReaders + (reader == null ? 0 : reader.damagedFrames());
    }

    @Override
    public String description() {
        return url.masked();
    }

    private void closeReader() {
        if (reader != null) {
            unreadableOfClosedReaders += reader.unreadableFrames();
            damagedOfClosedReaders += reader.damagedFrames();
            FfmpegReader r = reader;
            reader = null;
            r.close();
        }
    }

    @Override
    public void close() {
        ended = true;
        closeReader();
    }
}
