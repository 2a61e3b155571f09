package dev.skim.compressor.window;

import dev.skim.compressor.window.SlowPolicy.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One stream's window bookkeeping, kept in a changelogged store: its stream time, the novelty
 * reference (the previous frame's coarse cells), and its open windows with their slow-frame
 * candidates. The frames themselves are in their own stores.
 *
 * @param streamTime largest frame time seen in the stream ({@link Long#MIN_VALUE} before the first)
 * @param reference coarse cells of the previous frame, or null
 * @param open open windows, by start
 */
public record StreamWindows(long streamTime, float[][] reference, List<OpenWindow> open) {

    public StreamWindows {
        open = open.stream().sorted(Comparator.comparingLong(OpenWindow::start)).toList();
    }

    /** A stream that has seen no frame. */
    public static StreamWindows empty() {
        return new StreamWindows(Long.MIN_VALUE, null, List.of());
    }

    /** The open window starting at start, if any. */
    public Optional<OpenWindow> window(long start) {
        return open.stream().filter(w -> w.start() == start).findFirst();
    }

    /** These windows with window w added or replaced. */
    public StreamWindows with(OpenWindow w) {
        List<OpenWindow> next = new ArrayList<>(open);
        next.removeIf(o -> o.start() == w.start());
        next.add(w);
        return new StreamWindows(streamTime, reference, next);
    }

    /** These windows without the one starting at start. */
    public StreamWindows without(long start) {
        List<OpenWindow> next = new ArrayList<>(open);
        next.removeIf(o -> o.start() == start);
        return new StreamWindows(streamTime, reference, next);
    }

    public StreamWindows withTime(long time, float[][] cells) {
        return new StreamWindows(Math.max(streamTime, time), cells, open);
    }

    /**
     * A window that has frames and has not been emitted yet.
     *
     * @param start window start on the spec's axis
     * @param candidates slow-frame candidates, best first
     */
    public record OpenWindow(long start, List<Candidate> candidates) {
        public OpenWindow {
            candidates = List.copyOf(candidates);
        }
    }
}
