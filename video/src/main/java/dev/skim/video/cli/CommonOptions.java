package dev.skim.video.cli;

import picocli.CommandLine.Option;

/**
 * The options every Skim command-line tool has ({@code @Mixin CommonOptions common;}). {@code
 * --verbose} is read by {@link LogSetup#configure} before parsing; it is declared here so that it
 * parses and shows in the help.
 */
public final class CommonOptions {

    @Option(
            names = "--no-progress",
            description = "No progress bar (it is also off when there is no terminal).")
    boolean noProgress;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log what happens (INFO) instead of warnings only.")
    boolean verbose;

    /** Whether to draw progress bars: not turned off and a terminal is attached. */
    public boolean progress() {
        return !noProgress && System.console() != null;
    }
}
