package dev.skim.ingest.cli;

import dev.skim.ingest.IngestException;
import dev.skim.ingest.publish.PublishSummary;

/** How publishing one stream ended. */
sealed interface StreamResult {

    String streamId();

    /** Every frame read was handed to Kafka and acknowledged (or interrupted, then flushed). */
    record Published(String streamId, PublishSummary summary, boolean interrupted)
            implements StreamResult {}

    /** Publishing stopped with a failure a user can act on. */
    record Failed(String streamId, IngestException error) implements StreamResult {}
}
