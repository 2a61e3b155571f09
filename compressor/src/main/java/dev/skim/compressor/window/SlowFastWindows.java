package dev.skim.compressor.window;

import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.processor.CompressedFrame;
import dev.skim.compressor.processor.EncodedFrame;
import dev.skim.compressor.window.SlowPolicy.Candidate;
import dev.skim.compressor.window.StreamWindows.OpenWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The slow-fast window state machine (Slow-Fast, DESIGN.md section 4) of one task, over its three
 * stores. Each frame joins the tumbling window of its time (its ptsMillis, or its seq for windows
 * by frame count); a window closes when the stream's time passes its end plus the grace, or when
 * the stream has been idle (wall clock) for the idle-flush time. While a window is open the frames
 * wait in the stores, with the slow-frame candidates the {@link SlowPolicy} keeps (full grid and
 * keyframe). A frame whose window has already closed is late.
 */
public final class SlowFastWindows {

    /** What became of a frame offered to the windows. */
    public sealed interface Admission {}

    /** The frame joined its window; these windows closed with it (oldest first). */
    public record Joined(List<ClosedWindow> closed) implements Admission {}

    /** The frame's window had already closed; the reason says which and when. */
    public record Late(String reason) implements Admission {}

    private final Windowing windowing;
    private final Thumbnails thumbnails;
    private final Thumbnails tagImages;
    private final java.util.function.LongPredicate tagged;
    private final CompressorMetrics metrics;
    private final KeyValueStore<String, StreamWindows> windows;
    private final KeyValueStore<String, WindowedFrame> frames;
    private final KeyValueStore<String, SlowFrame> slowFrames;

    /** Wall-clock time of the last frame of each stream that may have open windows. */
    private final Map<String, Long> lastSeen = new HashMap<>();

    private boolean restoredScanned;

    /**
     * @param windows per stream: its {@link StreamWindows}
     * @param frames per frame of an open window ({@link WindowKeys}): its FAST and FRAME tokens
     * @param slowFrames per slow-frame candidate ({@link WindowKeys}): full grid and keyframe
     * @param tagImages makes the taggers' images of slow-frame candidates, or null when tagging is
     *     off
     * @param tagged whether the slow frames of the window that starts there will be tagged (no tag
     *     image is made for the others)
     */
    public SlowFastWindows(
            Windowing windowing,
            Thumbnails thumbnails,
            Thumbnails tagImages,
            java.util.function.LongPredicate tagged,
            CompressorMetrics metrics,
            KeyValueStore<String, StreamWindows> windows,
            KeyValueStore<String, WindowedFrame> frames,
            KeyValueStore<String, SlowFrame> slowFrames) {
        this.windowing = windowing;
        this.thumbnails = thumbnails;
        this.tagImages = tagImages;
        this.tagged = tagged;
        this.metrics = metrics;
        this.windows = windows;
        this.frames = frames;
        this.slowFrames = slowFrames;
    }

    /** Offers a frame that arrived at wall-clock time {@code now}. */
    public Admission add(CompressedFrame compressed, long now) {
        EncodedFrame frame = compressed.frame();
        String stream = frame.streamId();
        lastSeen.put(stream, now);
        WindowSpec spec = windowing.spec();
        StreamWindows state = load(stream);
        long time = spec.time(frame.seq(), frame.ptsMillis());
        long start = spec.startOf(time);
        boolean seen = state.streamTime() != Long.MIN_VALUE;
        if (seen && spec.closedAt(start, state.streamTime())) {
            metrics.lateFrame(false);
            return new Late(lateReason(frame, start, state.streamTime()));
        }
        if (seen && time < state.streamTime()) {
            metrics.lateFrame(true);
        }
        float[][] cells = FrameNovelty.cells(frame.grid());
        float novelty = FrameNovelty.novelty(cells, state.reference());
        String key = WindowKeys.frame(stream, start, frame.seq());
        frames.put(
                key,
                new WindowedFrame(
                        frame.seq(),
                        frame.ptsMillis(),
                        novelty,
                        frame.grid().tokens().size(),
                        compressed.fastTokens(),
                        compressed.stepsOut(),
                        compressed.frameToken()));
        OpenWindow window = state.window(start).orElse(new OpenWindow(start, List.of()));
        List<Candidate> next = offer(stream, window, frame, novelty);
        state = state.with(new OpenWindow(start, next)).withTime(time, cells);
        List<ClosedWindow> closed = new ArrayList<>();
        for (OpenWindow open : state.open()) {
            if (spec.closedAt(open.start(), state.streamTime())) {
                closed.add(take(stream, open));
                state = state.without(open.start());
            }
        }
        windows.put(stream, state);
        return new Joined(closed);
    }

    /**
     * Closes every open window of the streams that have been idle for the idle-flush time. Streams
     * restored from the store (this task was moved here) are picked up by one scan the first time;
     * after that only the streams with frames since their last flush are looked at.
     */
    public List<ClosedWindow> closeIdle(long now) {
        if (!restoredScanned) {
            try (KeyValueIterator<String, StreamWindows> all = windows.all()) {
                while (all.hasNext()) {
                    lastSeen.putIfAbsent(all.next().key, now);
                }
            }
            restoredScanned = true;
        }
        List<String> idle = new ArrayList<>();
        lastSeen.forEach(
                (stream, seen) -> {
                    if (now - seen >= windowing.idleFlush().toMillis()) {
                        idle.add(stream);
                    }
                });
        List<ClosedWindow> closed = new ArrayList<>();
        for (String stream : idle) {
            lastSeen.remove(stream);
            StreamWindows state = load(stream);
            if (state.open().isEmpty()) {
                continue;
            }
            for (OpenWindow open : state.open()) {
                closed.add(take(stream, open));
                state = state.without(open.start());
            }
            windows.put(stream, state);
        }
        return closed;
    }

    /** The candidates of a window with this frame offered, the frames it displaced deleted. */
    private List<Candidate> offer(
            String stream, OpenWindow window, EncodedFrame frame, float novelty) {
        Candidate candidate =
                new Candidate(
                        frame.seq(), frame.ptsMillis(), novelty, novelty >= windowing.sceneCut());
        List<Candidate> next =
                windowing.policy().offer(window.candidates(), candidate, windowing.slowFrames());
        if (next.contains(candidate)) {
            slowFrames.put(
                    WindowKeys.frame(stream, window.start(), frame.seq()),
                    new SlowFrame(
                            frame.seq(),
                            frame.ptsMillis(),
                            novelty,
                            frame.grid(),
                            thumbnails.of(frame.image()),
                            tagImages == null || !tagged.test(window.start())
                                    ? null
                                    : tagImages.of(frame.image())));
        }
        for (Candidate old : window.candidates()) {
            if (next.stream().noneMatch(c -> c.seq() == old.seq())) {
                slowFrames.delete(WindowKeys.frame(stream, window.start(), old.seq()));
            }
        }
        return next;
    }

    /** Takes a window's frames and picked slow frames out of the stores. */
    private ClosedWindow take(String stream, OpenWindow window) {
        List<WindowedFrame> taken = takeFrames(stream, window.start());
        List<SlowFrame> picked = new ArrayList<>();
        for (Candidate c : windowing.policy().select(window.candidates())) {
            SlowFrame f = slowFrames.get(WindowKeys.frame(stream, window.start(), c.seq()));
            if (f == null) {
                throw new IllegalStateException(
                        "slow frame seq " + c.seq() + " of stream " + stream + " is not stored");
            }
            picked.add(f);
        }
        for (Candidate c : window.candidates()) {
            slowFrames.delete(WindowKeys.frame(stream, window.start(), c.seq()));
        }
        return new ClosedWindow(stream, window.start(), taken, picked);
    }

    /** Reads and deletes the frames of a window, in seq order. */
    private List<WindowedFrame> takeFrames(String stream, long start) {
        List<String> keys = new ArrayList<>();
        List<WindowedFrame> out = new ArrayList<>();
        try (KeyValueIterator<String, WindowedFrame> it =
                frames.prefixScan(WindowKeys.window(stream, start), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, WindowedFrame> kv = it.next();
                keys.add(kv.key);
                out.add(kv.value);
            }
        }
        keys.forEach(frames::delete);
        return out;
    }

    private StreamWindows load(String stream) {
        StreamWindows state = windows.get(stream);
        return state == null ? StreamWindows.empty() : state;
    }

    private String lateReason(EncodedFrame frame, long start, long streamTime) {
        WindowSpec spec = windowing.spec();
        return String.format(
                "late frame: seq %d (pts %d ms) belongs to window [%d, %d) %s, which closed at"
                        + " stream time %d with a grace of %d %s",
                frame.seq(),
                frame.ptsMillis(),
                start,
                spec.endOf(start),
                spec.unit(),
                streamTime,
                spec.grace(),
                spec.unit());
    }
}
