package dev.skim.compressor.window;

import java.time.Duration;

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
        WindowSpec spec, Duration idleFlush, SlowPolicy policy, int slowFrames, float sceneCut) {}
