package dev.skim.compressor.window;

import dev.skim.compressor.errors.DeadLetters;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.processor.CompressedFrame;
import dev.skim.compressor.processor.Outcome;
import dev.skim.compressor.tagging.SlowFrameTagger;
import dev.skim.compressor.tagging.Tagging;
import dev.skim.core.compression.Chain;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

/**
 * Stage 4, slow-fast windows by event time: the Kafka Streams side of {@link SlowFastWindows} (the
 * state machine) and {@link WindowEmitter} (blocks and keyframes of a closed window). Failed
 * records pass through; a late frame is counted and sent to the dead-letter topic with the reason,
 * never dropped silently; a wall-clock punctuation closes the windows of idle streams.
 *
 * <p>All state is in changelogged stores: per stream its {@link StreamWindows} and SLOW chain
 * state; per frame its FAST tokens and FRAME-tier token and, for slow candidates, its full grid,
 * keyframe and (when tagging is on) tag image.
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

    private final Windowing windowing;
    private final Chain fastChain;
    private final Chain slowChain;
    private final Chain frameChain;
    private final BlockAssembler assembler;
    private final Thumbnails thumbnails;
    private final Tagging tagging;
    private final Stores names;
    private final CompressorMetrics metrics;

    private ProcessorContext<String, Outcome<Emission>> context;
    private SlowFastWindows windows;
    private WindowEmitter emitter;

    /**
     * @param frameChain the chain that made the FRAME-tier tokens, or null when the tier is off
     */
    public WindowProcessor(
            Windowing windowing,
            Chain fastChain,
            Chain slowChain,
            Chain frameChain,
            BlockAssembler assembler,
            Thumbnails thumbnails,
            Tagging tagging,
            Stores names,
            CompressorMetrics metrics) {
        this.windowing = windowing;
        this.fastChain = fastChain;
        this.slowChain = slowChain;
        this.frameChain = frameChain;
        this.assembler = assembler;
        this.thumbnails = thumbnails;
        this.tagging = tagging;
        this.names = names;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Outcome<Emission>> context) {
        this.context = context;
        // a task re-initialised after a failure starts over from its restored stores
        windows =
                new SlowFastWindows(
                        windowing,
                        thumbnails,
                        tagging.on()
                                ? new Thumbnails(
                                        tagging.imageMaxSide(),
                                        tagging.imageQuality(),
                                        thumbnails.maxBytes())
                                : null,
                        this::tagged,
                        metrics,
                        context.getStateStore(names.windows()),
                        context.getStateStore(names.frames()),
                        context.getStateStore(names.slowFrames()));
        emitter =
                new WindowEmitter(
                        fastChain,
                        slowChain,
                        frameChain,
                        assembler,
                        tagging.on() ? new SlowFrameTagger(tagging.pool(), metrics) : null,
                        this::tagged,
                        metrics,
                        context.getStateStore(names.slowChainState()));
        long every = Math.max(100, Math.min(1000, windowing.idleFlush().toMillis() / 4));
        context.schedule(
                Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::flushIdle);
    }

    /** Whether the slow frames of the window that starts there get tags ({@link Tagging#wants}). */
    private boolean tagged(long start) {
        WindowSpec spec = windowing.spec();
        return !(spec instanceof WindowSpec.ByTime) || tagging.wants(start, spec.endOf(start));
    }

    @Override
    public void process(Record<String, Outcome<CompressedFrame>> record) {
        if (record.value() instanceof Outcome.Failed<CompressedFrame> failed) {
            context.forward(record.withValue(failed.passed()));
            return;
        }
        CompressedFrame frame = record.value().value();
        SlowFastWindows.Admission admission = windows.add(frame, context.currentSystemTimeMs());
        if (admission instanceof SlowFastWindows.Late late) {
            context.forward(
                    record.withValue(
                            Outcome.failed(
                                    DeadLetters.forFrame(
                                            context.recordMetadata().orElseThrow(),
                                            frame.streamId(),
                                            frame.seq(),
                                            STAGE,
                                            late.reason(),
                                            null))));
        } else if (admission instanceof SlowFastWindows.Joined joined) {
            emit(joined.closed(), record.timestamp());
        }
    }

    private void flushIdle(long now) {
        List<ClosedWindow> closed = windows.closeIdle(now);
        if (!closed.isEmpty()) {
            LOG.debugf("Idle streams: closing %d window(s)", closed.size());
        }
        emit(closed, now);
    }

    private void emit(List<ClosedWindow> closed, long timestamp) {
        for (ClosedWindow window : closed) {
            for (Emission emission : emitter.emit(window)) {
                context.forward(new Record<>(window.streamId(), Outcome.ok(emission), timestamp));
            }
        }
    }
}
