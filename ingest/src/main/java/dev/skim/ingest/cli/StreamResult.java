package dev.skim.ingest.cli;

import dev.skim.ingest.publish.PublishSummary;
import dev.skim.video.cli.ExitCode;

/** How publishing one stream ended. */
sealed interface StreamResult {

    String streamId();

    /** Every frame read was handed to Kafka and acknowledged (or interrupted, then flushed). */
    record Published(String streamId, PublishSummary summary, boolean interrupted)
            implements StreamResult {}

    /** Publishing stopped with a failure a user can act on (of Kafka or of the source). */
    record Failed(String streamId, String message, ExitCode exitCode) implements StreamResult {}
}
