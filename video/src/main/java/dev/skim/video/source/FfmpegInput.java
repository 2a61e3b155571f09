package dev.skim.video.source;

import java.util.Map;
import java.util.Objects;

/**
 * What to open with FFmpeg.
 *
 * @param url the URL or path given to FFmpeg (may hold credentials: never log it)
 * @param format the forced input format (e.g. {@code v4l2}), or null to let FFmpeg probe
 * @param options FFmpeg AVOptions (e.g. {@code rw_timeout})
 * @param description what to show in logs and errors (credentials masked)
 */
record FfmpegInput(String url, String format, Map<String, String> options, String description) {
    FfmpegInput {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(description, "description");
        options = Map.copyOf(options);
    }
}
