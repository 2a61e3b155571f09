package dev.skim.compressor.processor;

import dev.skim.compressor.errors.DeadLetters;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A stage that turns each frame into the next stage's value (DESIGN.md section 4), so that a stage
 * holds only its own logic ({@link #apply}): a record that failed an earlier stage passes through
 * unchanged; a {@link RuntimeException} from {@code apply} becomes a dead letter for this frame,
 * named by the stage, with {@link #reason}; the time {@code apply} took goes to the timer.
 *
 * <p>A {@link CancellationException} (the encoder shutting down) is not the frame's fault: it fails
 * the task, nothing is committed, and the frame is processed again after the restart.
 *
 * @param <A> the frame this stage takes
 * @param <B> what it gives the next stage
 */
public abstract class FrameStage<A extends FrameRef, B>
        implements FixedKeyProcessor<String, Outcome<A>, Outcome<B>> {

    private final String stage;
    private final LongConsumer timer;
    private FixedKeyProcessorContext<String, Outcome<B>> context;

    /**
     * @param stage the stage's name in dead letters
     * @param timer takes the nanoseconds of each successful {@link #apply}
     */
    protected FrameStage(String stage, LongConsumer timer) {
        this.stage = stage;
        this.timer = timer;
    }

    /** This stage's work on one frame. */
    protected abstract B apply(A frame);

    /** The dead letter's reason for a frame whose {@link #apply} threw {@code e}. */
    protected abstract String reason(RuntimeException e);

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<B>> context) {
        this.context = context;
    }

    /** The processor context, for stages that need a state store. */
    protected FixedKeyProcessorContext<String, Outcome<B>> context() {
        return context;
    }

    @Override
    public final void process(FixedKeyRecord<String, Outcome<A>> record) {
        if (record.value() instanceof Outcome.Failed<A> failed) {
            context.forward(record.withValue(failed.passed()));
            return;
        }
        A frame = record.value().value();
        Outcome<B> out;
        try {
            long start = System.nanoTime();
            B value = apply(frame);
            timer.accept(System.nanoTime() - start);
            out = Outcome.ok(value);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            out =
                    Outcome.failed(
                            DeadLetters.forFrame(
                                    context.recordMetadata().orElseThrow(),
                                    frame.streamId(),
                                    frame.seq(),
                                    stage,
                                    reason(e),
                                    e));
        }
        context.forward(record.withValue(out));
    }
}
