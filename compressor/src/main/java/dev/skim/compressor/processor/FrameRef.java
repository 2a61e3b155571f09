package dev.skim.compressor.processor;

/** What names a frame in a dead letter: its stream and seq. */
public interface FrameRef {
    String streamId();

    long seq();
}
