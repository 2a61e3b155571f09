package dev.skim.ingest.cli;

import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Writes the ground truth of synthetic sources beside the published video (--events-out). */
final class GroundTruthFiles {

    private GroundTruthFiles() {}

    /**
     * Writes the ground truth of every synthetic job: to {@code eventsOut} when there is one, else
     * to {@code eventsOut} with the stream id before the extension.
     */
    static void write(List<StreamJob> jobs, Path eventsOut, PrintWriter out) {
        List<StreamJob> synthetic =
                jobs.stream()
                        .filter(j -> SourceFactory.kindOf(j.spec()) == SourceFactory.Kind.SYNTHETIC)
                        .toList();
        for (StreamJob job : synthetic) {
            Path file = synthetic.size() == 1 ? eventsOut : withSuffix(eventsOut, job.streamId());
            SyntheticVideoSource.of(SyntheticSpec.parse(job.spec())).groundTruth().writeJson(file);
            out.println("Ground truth of " + job.streamId() + " written to " + file);
        }
    }

    private static Path withSuffix(Path file, String streamId) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed =
                dot > 0
                        ? name.substring(0, dot) + "-" + streamId + name.substring(dot)
                        : name + "-" + streamId;
        return file.resolveSibling(renamed);
    }
}
