package dev.skim.compressor.window;

import java.util.List;

/**
 * A window that has closed, taken out of the stores: what the {@link WindowEmitter} turns into
 * blocks and keyframes.
 *
 * @param streamId the stream
 * @param start window start on the spec's axis
 * @param frames every frame of the window with its FAST tokens, in seq order
 * @param slowFrames the frames the slow policy picked, in its order
 */
public record ClosedWindow(
        String streamId, long start, List<WindowedFrame> frames, List<SlowFrame> slowFrames) {
    public ClosedWindow {
        frames = List.copyOf(frames);
        slowFrames = List.copyOf(slowFrames);
    }
}
