package dev.skim.ingest.cli;

import dev.skim.ingest.publish.PublishSummary;
import dev.skim.video.cli.ExitCode;
import java.io.PrintWriter;
import java.util.List;

/** What the CLI prints at the end: a line per stream, warnings, errors, and the exit code. */
final class ResultReport {

    private ResultReport() {}

    /** Prints one line per stream and returns the exit code of the worst outcome. */
    static ExitCode print(List<StreamResult> results, PrintWriter out, PrintWriter err) {
        ExitCode worst = ExitCode.OK;
        for (StreamResult result : results) {
            if (result instanceof StreamResult.Published p) {
                out.println(describe(p.summary()) + (p.interrupted() ? " (interrupted)" : ""));
                if (p.summary().unreadableFrames() > 0) {
                    err.println(
                            "skim-ingest: warning: "
                                    + p.streamId()
                                    + ": "
                                    + p.summary().unreadableFrames()
                                    + " frame(s) could not be read (truncated or corrupt input); every readable frame was published");
                }
                if (p.summary().damagedFrames() > 0) {
                    err.println(
                            "skim-ingest: warning: "
                                    + p.streamId()
                                    + ": "
                                    + p.summary().damagedFrames()
                                    + " frame(s) had decode errors (corrupt input) and were published with the damage concealed by FFmpeg");
                }
                if (p.interrupted() && worst == ExitCode.OK) {
                    worst = ExitCode.INTERRUPTED;
                }
            } else if (result instanceof StreamResult.Failed f) {
                err.println("skim-ingest: " + f.streamId() + ": " + f.message());
                ExitCode code = f.exitCode();
                if (worst == ExitCode.OK || worst == ExitCode.INTERRUPTED) {
                    worst = code;
                }
            }
        }
        out.flush();
        err.flush();
        return worst;
    }

    static String describe(PublishSummary s) {
        return String.format(
                "%s: %d frames published (seq %d..%d, pts %d..%d ms), %.1f MB, %.1f frames/s, %.2f MB/s, %d unreadable, %d damaged, %d skipped by --fps, %d rejected as too large",
                s.streamId(),
                s.framesPublished(),
                s.firstSeq(),
                s.lastSeq(),
                s.firstPtsMillis(),
                s.lastPtsMillis(),
                s.bytesPublished() / 1e6,
                s.framesPerSecond(),
                s.megabytesPerSecond(),
                s.unreadableFrames(),
                s.damagedFrames(),
                s.skippedBySampling(),
                s.rejectedFrames());
    }
}
