package dev.skim.compressor.metrics;

import dev.skim.avro.Tier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@link CompressorMetrics} as Micrometer meters (scraped at /q/metrics):
 *
 * <ul>
 *   <li>{@code skim.compressor.frames.in}, {@code skim.compressor.frames.late{accepted}}, {@code
 *       skim.compressor.frames.gated};
 *   <li>{@code skim.compressor.tokens.in{tier}}, {@code skim.compressor.tokens.out{tier}} and the
 *       gauge {@code skim.compressor.compression.ratio} (encoder tokens / FAST + SLOW tokens);
 *   <li>{@code skim.compressor.block.bytes{tier}} and {@code skim.compressor.bytes.per.frame{tier}}
 *       (block bytes over the frames it covers), {@code skim.compressor.keyframe.bytes};
 *   <li>{@code skim.compressor.encode.time}, {@code skim.compressor.compress.time};
 *   <li>{@code skim.compressor.dead.letters{stage}};
 *   <li>{@code skim.compressor.tag.time{tagger}}, {@code skim.compressor.tags{tagger}} (tags
 *       found), {@code skim.compressor.tag.failures{tagger}}: the taggers on slow frames;
 *   <li>{@code skim.compressor.stream.lag{stream}}: seconds between the capture of a stream's
 *       latest frame and its processing, a gauge per stream id this instance is processing. A gauge
 *       not updated for {@link #STALE_AFTER} (the camera stopped, or its partition moved to another
 *       instance, which now reports it) reads NaN and is removed at the next sweep (run by the
 *       frames of other streams), so that a thousand cameras coming and going leave neither frozen
 *       values nor an ever longer scrape.
 * </ul>
 *
 * Consumer lag per partition (in records) comes from the Kafka Streams client metrics Quarkus
 * binds.
 */
public final class MicrometerCompressorMetrics implements CompressorMetrics {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter lateAccepted;
    private final Counter lateDropped;
    private final Counter gated;
    private final Timer encode;
    private final Timer compress;
    private final DistributionSummary keyframeBytes;
    private final Map<Tier, Counter> tokensIn = new EnumMap<>(Tier.class);
    private final Map<Tier, Counter> tokensOut = new EnumMap<>(Tier.class);
    private final Map<Tier, DistributionSummary> blockBytes = new EnumMap<>(Tier.class);
    private final Map<Tier, DistributionSummary> bytesPerFrame = new EnumMap<>(Tier.class);
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    /** How long a stream's lag gauge stays without an update before it is removed. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private final Map<String, StreamLag> streamLags = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final long staleAfterNanos;
    private final AtomicLong nextSweep = new AtomicLong();
    private final AtomicLong allIn = new AtomicLong();
    private final AtomicLong allOut = new AtomicLong();

    /** One stream's lag gauge and its value. */
    private record StreamLag(Gauge gauge, LagValue value) {}

    /** A stream's latest lag and when it was set (written under the map's lock for the key). */
    private static final class LagValue {
        volatile long millis;
        volatile long updatedNanos;

        LagValue(long updatedNanos) {
            this.updatedNanos = updatedNanos;
        }
    }

    public MicrometerCompressorMetrics(MeterRegistry registry) {
        this(registry, STALE_AFTER, System::nanoTime);
    }

    /**
     * @param staleAfter how long a stream's lag gauge stays without an update
     * @param nanoTime the clock stream lags are aged by
     */
    MicrometerCompressorMetrics(
            MeterRegistry registry, Duration staleAfter, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        this.staleAfterNanos = staleAfter.toNanos();
        this.nextSweep.set(nanoTime.getAsLong() + staleAfterNanos / 4);
        framesIn = registry.counter("skim.compressor.frames.in");
        lateAccepted = registry.counter("skim.compressor.frames.late", "accepted", "true");
        lateDropped = registry.counter("skim.compressor.frames.late", "accepted", "false");
        gated = registry.counter("skim.compressor.frames.gated");
        encode = registry.timer("skim.compressor.encode.time");
        compress = registry.timer("skim.compressor.compress.time");
        keyframeBytes = registry.summary("skim.compressor.keyframe.bytes");
        for (Tier tier : Tier.values()) {
            String t = tier.name();
            tokensIn.put(tier, registry.counter("skim.compressor.tokens.in", "tier", t));
            tokensOut.put(tier, registry.counter("skim.compressor.tokens.out", "tier", t));
            blockBytes.put(tier, registry.summary("skim.compressor.block.bytes", "tier", t));
            bytesPerFrame.put(tier, registry.summary("skim.compressor.bytes.per.frame", "tier", t));
        }
        registry.gauge(
                "skim.compressor.compression.ratio",
                this,
                m -> m.allOut.get() == 0 ? 0.0 : (double) m.allIn.get() / m.allOut.get());
    }

    @Override
    public void frameIn() {
        framesIn.increment();
    }

    @Override
    public void streamLag(String streamId, long millis) {
        long now = nanoTime.getAsLong();
        // under the key's lock, so that a sweep cannot remove the gauge between lookup and update
        streamLags.compute(
                streamId,
                (s, lag) -> {
                    StreamLag current = lag == null ? registerLag(s) : lag;
                    current.value().millis = millis;
                    current.value().updatedNanos = now;
                    return current;
                });
        long sweep = nextSweep.get();
        if (now - sweep >= 0 && nextSweep.compareAndSet(sweep, now + staleAfterNanos / 4)) {
            removeStaleLags(now);
        }
    }

    /**
     * A new lag gauge. Between the stale time and the next sweep (the sweep runs on frames of any
     * stream; an instance that gets none runs none) it reads NaN, never a frozen value.
     */
    private StreamLag registerLag(String streamId) {
        LagValue value = new LagValue(nanoTime.getAsLong());
        Gauge gauge =
                Gauge.builder(
                                "skim.compressor.stream.lag",
                                value,
                                v ->
                                        nanoTime.getAsLong() - v.updatedNanos > staleAfterNanos
                                                ? Double.NaN
                                                : v.millis / 1000.0)
                        .tag("stream", streamId)
                        .baseUnit("seconds")
                        .description(
                                "time from the capture of the stream's latest frame to its"
                                        + " processing")
                        .register(registry);
        return new StreamLag(gauge, value);
    }

    /**
     * Removes the lag gauges of the streams not seen for the stale time. Under the map's lock for
     * the key, so that a frame of the same stream arriving meanwhile registers a new gauge after
     * the old one is gone, never before (Micrometer would hand back the old one).
     */
    private void removeStaleLags(long now) {
        for (String stream : streamLags.keySet()) {
            streamLags.computeIfPresent(
                    stream,
                    (s, lag) -> {
                        if (now - lag.value().updatedNanos <= staleAfterNanos) {
                            return lag;
                        }
                        registry.remove(lag.gauge());
                        return null;
                    });
        }
    }

    @Override
    public void encoded(long nanos) {
        encode.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void compressed(long nanos) {
        compress.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void lateFrame(boolean accepted) {
        (accepted ? lateAccepted : lateDropped).increment();
    }

    @Override
    public void block(Tier tier, int frames, int gatedFrames, long in, long out, long bytes) {
        tokensIn.get(tier).increment(in);
        tokensOut.get(tier).increment(out);
        blockBytes.get(tier).record(bytes);
        int covered = frames + gatedFrames;
        if (covered > 0) {
            bytesPerFrame.get(tier).record((double) bytes / covered);
        }
        if (tier == Tier.FAST) {
            gated.increment(gatedFrames);
            allIn.addAndGet(in);
        }
        allOut.addAndGet(out);
    }

    @Override
    public void keyframe(long bytes) {
        keyframeBytes.record(bytes);
    }

    @Override
    public void tagged(String tagger, long nanos, int tags) {
        Timer.builder("skim.compressor.tag.time")
                .tag("tagger", tagger)
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        registry.counter("skim.compressor.tags", "tagger", tagger).increment(tags);
    }

    @Override
    public void taggerFailed(String tagger) {
        registry.counter("skim.compressor.tag.failures", "tagger", tagger).increment();
    }

    @Override
    public void deadLetter(String stage) {
        deadLetters
                .computeIfAbsent(
                        stage, s -> registry.counter("skim.compressor.dead.letters", "stage", s))
                .increment();
    }
}
