package dev.skim.video.source;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to read a network stream.
 *
 * @param allowedSchemes URL schemes the user allows (lower case, e.g. {@code rtsp}, {@code https});
 *     anything else is refused before a connection is made
 * @param maxReconnects reconnect attempts in a row before giving up (0 = never reconnect); a frame
 *     read successfully resets the count
 * @param initialBackoff wait before the first reconnect; doubled after each failed attempt
 * @param maxBackoff the longest wait between attempts
 * @param ioTimeout how long FFmpeg waits for data before the connection counts as broken
 * @param reconnectAtEnd whether the end of the stream counts as a dropped connection (live cameras)
 *     rather than the end of the video (a file served over HTTP)
 */
public record NetworkOptions(
        Set<String> allowedSchemes,
        int maxReconnects,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration ioTimeout,
        boolean reconnectAtEnd) {

    /** Schemes FFmpeg can read as network streams and that this class accepts at all. */
    public static final Set<String> KNOWN_SCHEMES =
            Set.of("rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "srt", "udp", "tcp");

    public NetworkOptions {
        allowedSchemes =
                allowedSchemes.stream()
                        .map(s -> s.toLowerCase(Locale.ROOT).trim())
                        .collect(Collectors.toUnmodifiableSet());
        for (String scheme : allowedSchemes) {
            if (!KNOWN_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException(
                        "Unknown network scheme '" + scheme + "'; known: " + sorted(KNOWN_SCHEMES));
            }
        }
        if (maxReconnects < 0) {
            throw new IllegalArgumentException("maxReconnects must be >= 0, was " + maxReconnects);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(ioTimeout, "ioTimeout");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (ioTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("ioTimeout must be >= 100 ms, was " + ioTimeout);
        }
    }

    /**
     * Only the given schemes; 5 reconnects, backoff 500 ms doubling to 30 s, 10 s I/O timeout, the
     * end of the stream is the end.
     */
    public static NetworkOptions allowing(String... schemes) {
        return new NetworkOptions(
                Set.of(schemes),
                5,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                false);
    }

    public NetworkOptions withMaxReconnects(int value) {
        return new NetworkOptions(
                allowedSchemes, value, initialBackoff, maxBackoff, ioTimeout, reconnectAtEnd);
    }

    public NetworkOptions withBackoff(Duration initial, Duration max) {
        return new NetworkOptions(
                allowedSchemes, maxReconnects, initial, max, ioTimeout, reconnectAtEnd);
    }

    public NetworkOptions withIoTimeout(Duration value) {
        return new NetworkOptions(
                allowedSchemes, maxReconnects, initialBackoff, maxBackoff, value, reconnectAtEnd);
    }

    public NetworkOptions withReconnectAtEnd(boolean value) {
        return new NetworkOptions(
                allowedSchemes, maxReconnects, initialBackoff, maxBackoff, ioTimeout, value);
    }

    /** The wait before reconnect attempt {@code attempt} (1-based): exponential, capped. */
    Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis();
        for (int i = 1; i < attempt && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    static String sorted(Set<String> schemes) {
        return schemes.stream().sorted().collect(Collectors.joining(", "));
    }
}
