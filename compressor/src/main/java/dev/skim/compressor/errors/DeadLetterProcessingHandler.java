package dev.skim.compressor.errors;

import java.util.Map;
import java.util.concurrent.CancellationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Safety net for exceptions a processor did not turn into a dead letter itself: writes one with
 * stage {@code processing:<processor>} and the source record's bytes, and continues. It fails the
 * task instead when the dead letter cannot be written, or when the encoder was closed under the
 * record (shutdown: the record is not at fault and is processed again after the restart).
 *
 * <p>Configured with {@code kafka-streams.processing.exception.handler}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private final DeadLetterPublisher publisher = new DeadLetterPublisher();

    @Override
    public void configure(Map<String, ?> configs) {
        publisher.configure(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(
            ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CancellationException) {
                return ProcessingHandlerResponse.FAIL;
            }
        }
        boolean written =
                publisher.publish(
                        context,
                        context.sourceRawKey(),
                        context.sourceRawValue(),
                        "processing:" + context.processorNodeId(),
                        error);
        return written ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }
}
