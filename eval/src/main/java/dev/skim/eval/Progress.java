package dev.skim.eval;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, or nothing when progress is off. */
interface Progress extends AutoCloseable {

    /** One unit done. */
    void step();

    /** The total is now known (or corrected). */
    void total(long max);

    @Override
    void close();

    /** Opens progress bars for the phases of an evaluation. */
    @FunctionalInterface
    interface Factory {
        Progress open(String task, long max, String unit);

        /** Bars on the given stream, or none when disabled. */
        static Factory of(boolean enabled, PrintStream out) {
            return enabled ? (task, max, unit) -> bar(task, max, unit, out) : (t, m, u) -> none();
        }
    }

    /** No progress output. */
    static Progress none() {
        return new Progress() {
            @Override
            public void step() {}

            @Override
            public void total(long max) {}

            @Override
            public void close() {}
        };
    }

    /** A bar named task over max units (-1 when unknown). */
    static Progress bar(String task, long max, String unit, PrintStream out) {
        ProgressBar bar =
                new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(max)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(unit, 1)
                        .showSpeed()
                        .setSpeedUnit(ChronoUnit.SECONDS)
                        .setUpdateIntervalMillis(500)
                        .setConsumer(new ConsoleProgressBarConsumer(out))
                        .build();
        return new Progress() {
            @Override
            public void step() {
                bar.step();
            }

            @Override
            public void total(long m) {
                bar.maxHint(m);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
