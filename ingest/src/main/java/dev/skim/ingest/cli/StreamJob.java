package dev.skim.ingest.cli;

import dev.skim.video.FrameSource;

/**
 * One source to publish under one stream id.
 *
 * @param streamId the Kafka key
 * @param spec the source argument as given
 * @param source the opened source
 */
record StreamJob(String streamId, String spec, FrameSource source) {}
