package dev.skim.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an evaluation into a folder: {@code eval.json}, {@code coverage.png}, one {@code
 * timeline-N.png} per chain and one {@code keepmap-N-bB.png} per chain and budget (N = the chain's
 * position on the command line, from 1).
 */
final class ReportWriter {
    private final Path dir;

    ReportWriter(Path dir) {
        this.dir = dir;
    }

    /** Writes the files and returns their paths. */
    List<Path> write(Evaluation.Outcome outcome, boolean pictures) throws IOException {
        EvalReport report = outcome.report();
        List<Path> written = new ArrayList<>();
        Path json = dir.resolve("eval.json");
        ReportJson.write(report, json);
        written.add(json);
        if (!pictures) {
            return written;
        }
        Path coverage = dir.resolve("coverage.png");
        CoverageChart.save(report, coverage);
        written.add(coverage);
        List<String> chains = report.settings().chains();
        for (int i = 0; i < chains.size(); i++) {
            Path timeline = dir.resolve("timeline-" + (i + 1) + ".png");
            TimelineChart.save(report, chains.get(i), timeline);
            written.add(timeline);
        }
        if (report.keepMapFrames().isEmpty()) {
            return written;
        }
        for (int c = 0; c < report.comparisons().size(); c++) {
            Comparison comparison = report.comparisons().get(c);
            int n = chains.indexOf(comparison.chain()) + 1;
            String name =
                    "keepmap-"
                            + n
                            + (comparison.budget() == null ? "" : "-b" + comparison.budget())
                            + ".png";
            Path file = dir.resolve(name);
            KeepMapPicture.save(
                    report, comparison, outcome.thumbnails(), outcome.keeps().get(c), file);
            written.add(file);
        }
        return written;
    }
}
