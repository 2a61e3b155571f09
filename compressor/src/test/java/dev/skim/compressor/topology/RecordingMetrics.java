package dev.skim.compressor.topology;

import dev.skim.avro.Tier;
import dev.skim.compressor.metrics.CompressorMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the topology reports, for assertions. */
final class RecordingMetrics implements CompressorMetrics {
    final java.util.Map<String, Long> lagMillis = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicLong framesIn = new AtomicLong();
    final AtomicLong lateAccepted = new AtomicLong();
    final AtomicLong lateDropped = new AtomicLong();
    final AtomicLong keyframes = new AtomicLong();
    final Map<Tier, AtomicLong> blockBytes = new ConcurrentHashMap<>();
    final Map<Tier, AtomicLong> blockFrames = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> tagged = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> taggerFailures = new ConcurrentHashMap<>();

    @Override
    public void frameIn() {
        framesIn.incrementAndGet();
    }

    @Override
    public void streamLag(String streamId, long millis) {
        lagMillis.put(streamId, millis);
    }

    @Override
    public void encoded(long nanos) {}

    @Override
    public void compressed(long nanos) {}

    @Override
    public void lateFrame(boolean accepted) {
        (accepted ? lateAccepted : lateDropped).incrementAndGet();
    }

    @Override
    public void block(Tier tier, int frames, int gated, long in, long out, long bytes) {
        blockBytes.computeIfAbsent(tier, t -> new AtomicLong()).addAndGet(bytes);
        blockFrames.computeIfAbsent(tier, t -> new AtomicLong()).addAndGet(frames + gated);
    }

    @Override
    public void keyframe(long bytes) {
        keyframes.incrementAndGet();
    }

    @Override
    public void tagged(String tagger, long nanos, int tags) {
        tagged.computeIfAbsent(tagger, t -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void taggerFailed(String tagger) {
        taggerFailures.computeIfAbsent(tagger, t -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void deadLetter(String stage) {
        deadLetters.computeIfAbsent(stage, s -> new AtomicLong()).incrementAndGet();
    }
}
