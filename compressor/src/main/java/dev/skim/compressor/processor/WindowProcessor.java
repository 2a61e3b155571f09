package dev.skim.compressor.processor;

import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.errors.DeadLetters;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.window.BlockAssembler;
import dev.skim.compressor.window.FrameNovelty;
import dev.skim.compressor.window.SlowFrame;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.SlowPolicy.Candidate;
import dev.skim.compressor.window.StreamWindows;
import dev.skim.compressor.window.StreamWindows.OpenWindow;
import dev.skim.compressor.window.Thumbnails;
import dev.skim.compressor.window.WindowKeys;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.compressor.window.WindowStateCodec;
import dev.skim.compressor.window.WindowedFrame;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.ChainStateCodec;
import dev.skim.core.compression.OperatorContext;
import dev.skim.core.tokens.TokenGrid;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Stage 4: slow-fast windows by event time. Each frame joins the tumbling window of its time (its
 * ptsMillis, or its seq for windows by frame count); a window closes when the stream's time passes
 * its end plus the grace, or when the stream has been idle (wall clock) for the idle-flush time. A
 * closed window emits FAST blocks with every frame's FAST tokens (frames without tokens listed as
 * gated), SLOW blocks with the slow frames chosen by the {@link SlowPolicy} run through the SLOW
 * chain, and a keyframe per slow frame. A frame whose window has already closed is late: it is
 * counted and sent to the dead-letter topic with the reason, never dropped silently.
 *
 * <p>All state is in changelogged stores: per stream its {@link StreamWindows} and SLOW chain
 * state; per frame its FAST tokens and, for slow candidates, its full grid and keyframe.
 */
public final class WindowProcessor
        implements Processor<String, Outcome<CompressedFrame>, String, Outcome<Emission>> {

    public static final String STAGE = "window";

    private static final Logger LOG = Logger.getLogger(WindowProcessor.class);

    /**
     * Names of the stores this processor uses.
     *
     * @param windows per stream: {@link StreamWindows}
     * @param frames per frame: {@link WindowedFrame}
     * @param slowFrames per slow candidate: {@link SlowFrame}
     * @param slowChainState per stream: the SLOW chain's state
     */
    public record Stores(String windows, String frames, String slowFrames, String slowChainState) {}

    /**
     * How windows are formed and what they emit.
     *
     * @param spec window length and grace
     * @param idleFlush wall-clock idleness after which a stream's open windows are closed
     * @param policy which frames are slow frames
     * @param slowFrames most slow frames per window
     * @param sceneCut novelty at which a frame is a scene cut
     */
    public record Windowing(
            WindowSpec spec,
            Duration idleFlush,
            SlowPolicy policy,
            int slowFrames,
            float sceneCut) {}

    private final Windowing windowing;
    private final Chain fastChain;
    private final Chain slowChain;
    private final BlockAssembler assembler;
    private final Thumbnails thumbnails;
    private final Stores names;
    private final CompressorMetrics metrics;

    /** Wall-clock time of the last frame of each stream that may have open windows. */
    private final Map<String, Long> lastSeen = new HashMap<>();

    private boolean restoredScanned;

    private ProcessorContext<String, Outcome<Emission>> context;
    private KeyValueStore<String, byte[]> windows;
    private KeyValueStore<String, byte[]> frames;
    private KeyValueStore<String, byte[]> slowFrames;
    private KeyValueStore<String, byte[]> slowStates;

    public WindowProcessor(
            Windowing windowing,
            Chain fastChain,
            Chain slowChain,
            BlockAssembler assembler,
            Thumbnails thumbnails,
            Stores names,
            CompressorMetrics metrics) {
        this.windowing = windowing;
        this.fastChain = fastChain;
        this.slowChain = slowChain;
        this.assembler = assembler;
        this.thumbnails = thumbnails;
        this.names = names;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Outcome<Emission>> context) {
        this.context = context;
        // a task re-initialised after a failure starts over from its restored stores
        lastSeen.clear();
        restoredScanned = false;
        windows = context.getStateStore(names.windows());
        frames = context.getStateStore(names.frames());
        slowFrames = context.getStateStore(names.slowFrames());
        slowStates = context.getStateStore(names.slowChainState());
        long every = Math.max(100, Math.min(1000, windowing.idleFlush().toMillis() / 4));
        context.schedule(
                Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::flushIdle);
    }

    @Override
    public void process(Record<String, Outcome<CompressedFrame>> record) {
        if (!(record.value() instanceof Outcome.Ok<CompressedFrame> ok)) {
            context.forward(record.withValue(EncodeProcessor.failedAs(record.value())));
            return;
        }
        CompressedFrame compressed = ok.value();
        EncodedFrame frame = compressed.frame();
        String stream = frame.streamId();
        lastSeen.put(stream, context.currentSystemTimeMs());
        WindowSpec spec = windowing.spec();
        StreamWindows state = load(stream);
        long time = spec.time(frame.seq(), frame.ptsMillis());
        long start = spec.startOf(time);
        boolean seen = state.streamTime() != Long.MIN_VALUE;
        if (seen && spec.closedAt(start, state.streamTime())) {
            late(record, frame, start, state.streamTime());
            return;
        }
        if (seen && time < state.streamTime()) {
            metrics.lateFrame(true);
        }
        float[][] cells = FrameNovelty.cells(frame.grid());
        float novelty = FrameNovelty.novelty(cells, state.reference());
        frames.put(
                WindowKeys.frame(stream, start, frame.seq()),
                WindowStateCodec.toBytes(
                        new WindowedFrame(
                                frame.seq(),
                                frame.ptsMillis(),
                                novelty,
                                frame.grid().tokens().size(),
                                compressed.fastTokens(),
                                compressed.stepsOut()),
                        assembler.statePrecision()));
        OpenWindow window = state.window(start).orElse(new OpenWindow(start, List.of()));
        Candidate candidate =
                new Candidate(
                        frame.seq(), frame.ptsMillis(), novelty, novelty >= windowing.sceneCut());
        List<Candidate> next =
                windowing.policy().offer(window.candidates(), candidate, windowing.slowFrames());
        if (next.contains(candidate)) {
            slowFrames.put(
                    WindowKeys.frame(stream, start, frame.seq()),
                    WindowStateCodec.toBytes(
                            new SlowFrame(
                                    frame.seq(),
                                    frame.ptsMillis(),
                                    novelty,
                                    frame.grid(),
                                    thumbnails.of(frame.image()))));
        }
        for (Candidate old : window.candidates()) {
            if (next.stream().noneMatch(c -> c.seq() == old.seq())) {
                slowFrames.delete(WindowKeys.frame(stream, start, old.seq()));
            }
        }
        state = state.with(new OpenWindow(start, next)).withTime(time, cells);
        for (OpenWindow open : state.open()) {
            if (spec.closedAt(open.start(), state.streamTime())) {
                emit(stream, open, record.timestamp());
                state = state.without(open.start());
            }
        }
        windows.put(stream, WindowStateCodec.toBytes(state));
    }

    private void late(
            Record<String, Outcome<CompressedFrame>> record,
            EncodedFrame frame,
            long start,
            long streamTime) {
        metrics.lateFrame(false);
        WindowSpec spec = windowing.spec();
        String reason =
                String.format(
                        "late frame: seq %d (pts %d ms) belongs to window [%d, %d) %s, which closed"
                                + " at stream time %d with a grace of %d %s",
                        frame.seq(),
                        frame.ptsMillis(),
                        start,
                        spec.endOf(start),
                        spec.unit(),
                        streamTime,
                        spec.grace(),
                        spec.unit());
        context.forward(
                record.withValue(
                        Outcome.failed(
                                DeadLetters.forFrame(
                                        context.recordMetadata().orElseThrow(),
                                        frame.streamId(),
                                        frame.seq(),
                                        STAGE,
                                        reason,
                                        null))));
    }

    /**
     * Closes every open window of the streams that have been idle for the idle-flush time. Streams
     * restored from the store (this task was moved here) are picked up by one scan the first time;
     * after that only the streams with frames since their last flush are looked at.
     */
    private void flushIdle(long now) {
        if (!restoredScanned) {
            try (KeyValueIterator<String, byte[]> all = windows.all()) {
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
        for (String stream : idle) {
            lastSeen.remove(stream);
            StreamWindows state = load(stream);
            if (state.open().isEmpty()) {
                continue;
            }
            LOG.debugf(
                    "Stream %s idle for %s: closing %d window(s)",
                    stream, windowing.idleFlush(), state.open().size());
            for (OpenWindow open : state.open()) {
                emit(stream, open, now);
                state = state.without(open.start());
            }
            windows.put(stream, WindowStateCodec.toBytes(state));
        }
    }

    private void emit(String stream, OpenWindow window, long timestamp) {
        List<WindowedFrame> fast = takeFrames(stream, window.start());
        if (fast.isEmpty()) {
            return;
        }
        long first = fast.get(0).seq();
        long last = fast.get(fast.size() - 1).seq();
        for (TokenBlock block : assembler.blocks(stream, Tier.FAST, first, last, fast, fastChain)) {
            forward(stream, new Emission.Block(block), timestamp);
        }
        List<SlowFrame> picked = new ArrayList<>();
        for (Candidate c : windowing.policy().select(window.candidates())) {
            byte[] bytes = slowFrames.get(WindowKeys.frame(stream, window.start(), c.seq()));
            if (bytes == null) {
                throw new IllegalStateException(
                        "slow frame seq " + c.seq() + " of stream " + stream + " is not stored");
            }
            picked.add(WindowStateCodec.slowFrame(bytes));
        }
        for (Candidate c : window.candidates()) {
            slowFrames.delete(WindowKeys.frame(stream, window.start(), c.seq()));
        }
        List<WindowedFrame> slow = slowTokens(stream, picked);
        for (TokenBlock block : assembler.blocks(stream, Tier.SLOW, first, last, slow, slowChain)) {
            forward(stream, new Emission.Block(block), timestamp);
        }
        for (SlowFrame f : picked) {
            Keyframe key =
                    new Keyframe(
                            stream,
                            f.seq(),
                            f.ptsMillis(),
                            f.keyframe().width(),
                            f.keyframe().height(),
                            ByteBuffer.wrap(f.keyframe().jpeg()));
            metrics.keyframe(f.keyframe().jpeg().length);
            forward(stream, new Emission.Key(key), timestamp);
        }
    }

    /** Runs the SLOW chain over the slow frames in seq order, with the stream's SLOW state. */
    private List<WindowedFrame> slowTokens(String stream, List<SlowFrame> picked) {
        byte[] stored = slowStates.get(stream);
        ChainState state = stored == null ? null : ChainStateCodec.fromBytes(stored);
        List<WindowedFrame> out = new ArrayList<>(picked.size());
        for (SlowFrame f : picked) {
            TokenGrid grid = f.grid();
            ChainResult r = slowChain.apply(grid.tokens(), OperatorContext.of(grid), state);
            state = r.state();
            int[] steps = new int[r.stats().size()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = r.stats().get(i).tokensOut();
            }
            out.add(
                    new WindowedFrame(
                            f.seq(),
                            f.ptsMillis(),
                            f.novelty(),
                            grid.tokens().size(),
                            r.tokens(),
                            steps));
        }
        if (state != null) {
            slowStates.put(stream, ChainStateCodec.toBytes(state));
        }
        return out;
    }

    /** Reads and deletes the frames of a window, in seq order. */
    private List<WindowedFrame> takeFrames(String stream, long start) {
        List<String> keys = new ArrayList<>();
        List<WindowedFrame> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it =
                frames.prefixScan(WindowKeys.window(stream, start), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                keys.add(kv.key);
                out.add(WindowStateCodec.windowedFrame(kv.value));
            }
        }
        keys.forEach(frames::delete);
        return out;
    }

    private StreamWindows load(String stream) {
        byte[] bytes = windows.get(stream);
        return bytes == null ? StreamWindows.empty() : WindowStateCodec.streamWindows(bytes);
    }

    private void forward(String stream, Emission emission, long timestamp) {
        context.forward(new Record<>(stream, Outcome.ok(emission), timestamp));
    }
}
