package dev.skim.ingest.cli;

import dev.skim.ingest.publish.PublishListener;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.LongAdder;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar over all sources on stderr: frames read from the sources (with frames/s and the
 * ETA when every source knows its length), frames published and MB/s.
 */
final class Progress implements PublishListener, AutoCloseable {

    private final ProgressBar bar;
    private final LongAdder bytes = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final long startNanos = System.nanoTime();

    /**
     * @param totalFrames frames expected over all sources, or -1 when unknown (live, loop)
     */
    Progress(long totalFrames) {
        this.bar =
                new ProgressBarBuilder()
                        .setTaskName("ingest")
                        .setInitialMax(totalFrames)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" frames", 1)
                        .showSpeed()
                        .setSpeedUnit(ChronoUnit.SECONDS)
                        .setUpdateIntervalMillis(500)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .build();
    }

    @Override
    public void onFrameSent(String streamId, long seq, long ptsMillis, int valueBytes) {
        bytes.add(valueBytes);
        published.increment();
        bar.step();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (seconds > 0) {
            bar.setExtraMessage(
                    String.format(
                            " | %d published, %.2f MB/s",
                            published.sum(), bytes.sum() / 1e6 / seconds));
        }
    }

    @Override
    public void onFrameSkipped(String streamId, long ptsMillis) {
        bar.step();
    }

    /** Sources that were skipped or cut short no longer count towards the total. */
    void reduceTotalBy(long frames) {
        if (frames > 0 && bar.getMax() > 0) {
            bar.maxHint(Math.max(bar.getCurrent(), bar.getMax() - frames));
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
