package dev.skim.e2e;

import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.source.LoopingSource;
import dev.skim.video.source.VideoFileSource;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Soak benchmark, not a test (issue 15; not matched by the failsafe includes): the packaged
 * compressor (MobileNetV2) and bridge run {@value #DEFAULT_STREAMS} streams of the repository's
 * clip, looped and published in real time, for {@value #DEFAULT_MINUTES} minutes, and every {@value
 * #DEFAULT_SAMPLE_SECONDS} s it samples each app's RSS, heap after a full GC ({@code jcmd GC.run},
 * then the heap in {@code /q/metrics}), threads, open file descriptors and state directory bytes,
 * and the bridge's bytes held per tier ({@code GET /v1/streams?scope=local}).
 *
 * <p>It prints every sample, then for each figure the least-squares slope per hour over the whole
 * run and over its second half (after warm-up and after the short retentions below have filled),
 * and checks the memory bound: at the end each tier holds at most {@code streams x retention x
 * bytes per stream-hour}, with the bytes per stream-hour measured independently, from the first
 * sample whose held span is inside the retention (before anything expired). The bridge runs with
 * short retentions ({@code -Dskim.soak.fast-retention=5m}, {@code slow-retention=3m}, {@code
 * keyframe-retention=3m}), so that a 30-minute run reaches the steady state a production retention
 * reaches after a day.
 *
 * <p>Run it after a build: {@code ./mvnw -pl tests verify -Dit.test=SoakBench}; {@code
 * -Dskim.soak.minutes=240} for hours, {@code -Dskim.soak.streams}, {@code -Dskim.soak.fps} (per
 * stream, default {@value #DEFAULT_FPS}), {@code -Dskim.soak.sample-seconds}. Results also go to
 * {@code tests/target/bench/soak.txt}. It fails (as a bench can) only when an app dies or a tier
 * exceeds its bound.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SoakBench {

    private static final int DEFAULT_STREAMS = 4;
    private static final int DEFAULT_MINUTES = 30;
    private static final int DEFAULT_SAMPLE_SECONDS = 60;
    private static final int DEFAULT_FPS = 5;
    private static final List<String> TIERS = List.of("FAST", "SLOW", "FRAME", "KEYFRAMES");

    /** {@code jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.2E7}: one heap pool. */
    private static final Pattern HEAP =
            Pattern.compile(
                    "^jvm_memory_(used|committed)_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+(\\S+)$");

    @Test
    void soak(KafkaBroker broker) throws Exception {
        int streams = Integer.getInteger("skim.soak.streams", DEFAULT_STREAMS);
        int minutes = Integer.getInteger("skim.soak.minutes", DEFAULT_MINUTES);
        int sampleSeconds = Integer.getInteger("skim.soak.sample-seconds", DEFAULT_SAMPLE_SECONDS);
        double fps = Double.parseDouble(System.getProperty("skim.soak.fps", "" + DEFAULT_FPS));
        Map<String, String> retention = new LinkedHashMap<>();
        retention.put("fast-retention", System.getProperty("skim.soak.fast-retention", "5m"));
        retention.put("slow-retention", System.getProperty("skim.soak.slow-retention", "3m"));
        retention.put(
                "keyframe-retention", System.getProperty("skim.soak.keyframe-retention", "3m"));
        Path video =
                Path.of(System.getProperty("skim.shared.dir", "../../shared"), "data", "vtest.avi");
        if (!Files.isRegularFile(video)) {
            throw new IllegalStateException(video + " is missing (../shared/data/vtest.avi)");
        }

        Map<String, String> bridgeProps = new LinkedHashMap<>();
        retention.forEach((k, v) -> bridgeProps.put("skim.bridge.memory." + k, v));
        try (AppProcess compressor =
                        AppProcess.start("compressor", broker.bootstrapServers(), Map.of(), "1g");
                AppProcess bridge =
                        AppProcess.start(
                                "llm-bridge", broker.bootstrapServers(), bridgeProps, "1g")) {
            soak(
                    broker,
                    compressor,
                    bridge,
                    streams,
                    minutes,
                    sampleSeconds,
                    fps,
                    retention,
                    video);
        }
    }

    private static void soak(
            KafkaBroker broker,
            AppProcess compressor,
            AppProcess bridge,
            int streams,
            int minutes,
            int sampleSeconds,
            double fps,
            Map<String, String> retention,
            Path video)
            throws Exception {
        StringBuilder report = new StringBuilder();
        line(
                report,
                "soak: %d streams of %s looped in real time at %s fps each for %d min, sampled"
                        + " every %d s; bridge retention %s; compressor and bridge with -Xmx1g",
                streams,
                video.getFileName(),
                fps,
                minutes,
                sampleSeconds,
                retention);

        long durationMillis = minutes * 60_000L;
        PublishOptions options =
                PublishOptions.defaults()
                        .withRealtime(true)
                        .withTargetFps(fps)
                        .withMaxFrames(Math.round(fps * durationMillis / 1000.0));
        ExecutorService ingest = Executors.newFixedThreadPool(streams);
        List<Future<?>> publishers = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            String stream = "soak-" + s;
            publishers.add(
                    ingest.submit(
                            () -> {
                                try (FramePublisher publisher =
                                                FramePublisher.builder()
                                                        .bootstrapServers(broker.bootstrapServers())
                                                        .build();
                                        LoopingSource source =
                                                new LoopingSource(
                                                        () -> VideoFileSource.open(video), 0)) {
                                    publisher.publish(stream, source, options);
                                }
                                return null;
                            }));
        }

        List<Sample> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        line(report, "%s", Sample.HEADER);
        try {
            for (int i = 0; ; i++) {
                long due = t0 + TimeUnit.SECONDS.toNanos((long) i * sampleSeconds);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                double minute = (System.nanoTime() - t0) / 60e9;
                Sample sample = Sample.take(minute, compressor, bridge);
                samples.add(sample);
                line(report, "%s", sample);
                if (minute * 60_000 >= durationMillis) {
                    break;
                }
                for (AppProcess app : List.of(compressor, bridge)) {
                    if (app.awaitExit(Duration.ZERO).isPresent()) {
                        throw new AssertionError("an app ended during the soak:\n" + app.tail());
                    }
                }
            }
        } finally {
            ingest.shutdownNow();
        }
        for (Future<?> p : publishers) {
            if (p.isDone() && !p.isCancelled()) {
                p.get(); // a publisher that failed fails the bench with its cause
            }
        }

        line(report, "slopes per hour (least squares; MiB/h for sizes): whole run | second half");
        for (String figure : Sample.FIGURES) {
            boolean size = !figure.endsWith("threads") && !figure.endsWith("open files");
            double unit = size ? 1 << 20 : 1;
            line(
                    report,
                    "  %-24s %+10.1f | %+10.1f %s",
                    figure,
                    slopePerHour(samples, figure, 0) / unit,
                    slopePerHour(samples, figure, samples.size() / 2) / unit,
                    size ? "MiB/h" : "/h");
        }
        List<String> exceeded = checkBounds(report, samples, bridge, streams);
        Path out = Path.of("target", "bench", "soak.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("[soak] written to " + out.toAbsolutePath());
        if (!exceeded.isEmpty()) {
            throw new AssertionError("tiers above their memory bound: " + exceeded);
        }
    }

    /**
     * For each tier with a retention: the bytes per stream-hour from the first sample (of every
     * stream) whose span is shorter than the retention, times the retention and the streams: the
     * bound the README states; the tier's bytes at the end against it.
     */
    private static List<String> checkBounds(
            StringBuilder report, List<Sample> samples, AppProcess bridge, int streams)
            throws IOException {
        List<String> exceeded = new ArrayList<>();
        List<Map<String, Object>> now = localStreams(bridge);
        for (String tier : TIERS) {
            List<Map<String, Object>> held = tiers(now, tier);
            if (held.isEmpty()) {
                continue;
            }
            long retentionMillis = number(held.get(0).get("retentionMillis"));
            Sample early =
                    samples.stream()
                            .filter(
                                    s ->
                                            s.heldSpanMillis.getOrDefault(tier, 0L) > 0
                                                    && s.heldSpanMillis.get(tier)
                                                            < retentionMillis * 0.8)
                            .reduce((a, b) -> b)
                            .orElse(null);
            Sample last = samples.get(samples.size() - 1);
            long heldBytes = last.tierBytes.getOrDefault(tier, 0L);
            if (early == null || early.tierBytes.getOrDefault(tier, 0L) == 0) {
                line(report, "bound %-9s: nothing held (%d bytes)", tier, heldBytes);
                continue;
            }
            // bytes per hour of stream time of each stream, before anything expired
            double perStreamHour = early.bytesPerHour.get(tier) / streams;
            // one more block per stream: the oldest block is dropped only once its last frame
            // leaves the retention
            double bound =
                    streams * perStreamHour * retentionMillis / 3_600_000.0
                            + streams * last.maxBlockBytes.getOrDefault(tier, 0L);
            boolean within = heldBytes <= bound;
            line(
                    report,
                    "bound %-9s: held %,d bytes at the end; bound %,.0f = %d streams x %s"
                            + " retention x %,.0f bytes per stream-hour (at minute %.1f) + one"
                            + " block per stream; %.0f%% of it: %s",
                    tier,
                    heldBytes,
                    bound,
                    streams,
                    Duration.ofMillis(retentionMillis),
                    perStreamHour,
                    early.minute,
                    100.0 * heldBytes / bound,
                    within ? "within" : "EXCEEDED");
            if (!within) {
                exceeded.add(tier);
            }
        }
        return exceeded;
    }

    private static double slopePerHour(List<Sample> samples, String figure, int from) {
        List<Sample> part = samples.subList(from, samples.size());
        int n = part.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = part.stream().mapToDouble(s -> s.minute).average().orElse(0);
        double my = part.stream().mapToDouble(s -> s.figure(figure)).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (Sample s : part) {
            sxy += (s.minute - mx) * (s.figure(figure) - my);
            sxx += (s.minute - mx) * (s.minute - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx * 60;
    }

    /** One sample of both apps. */
    private static final class Sample {

        static final List<String> FIGURES =
                List.of(
                        "compressor rss",
                        "compressor heap after gc",
                        "compressor heap committed",
                        "compressor outside the heap",
                        "compressor threads",
                        "compressor open files",
                        "compressor state bytes",
                        "bridge rss",
                        "bridge heap after gc",
                        "bridge heap committed",
                        "bridge outside the heap",
                        "bridge threads",
                        "bridge open files",
                        "bridge state bytes",
                        "bridge FAST bytes",
                        "bridge SLOW bytes",
                        "bridge FRAME bytes",
                        "bridge KEYFRAMES bytes");

        static final String HEADER =
                String.format(
                        "%6s | %-44s | %-44s | %s",
                        "min",
                        "compressor: rss, heap, committed MiB, threads, fds, state MiB",
                        "bridge: rss, heap, committed MiB, threads, fds, state MiB",
                        "bridge held KiB per tier (FAST SLOW FRAME KEYFRAMES), frames");

        final double minute;
        final Map<String, Double> figures = new LinkedHashMap<>();
        final Map<String, Long> tierBytes = new LinkedHashMap<>();
        final Map<String, Long> heldSpanMillis = new LinkedHashMap<>();
        final Map<String, Long> maxBlockBytes = new LinkedHashMap<>();

        /** Per tier: the sum over streams of bytes held / span held (per hour of stream time). */
        final Map<String, Double> bytesPerHour = new LinkedHashMap<>();

        long frames;

        private Sample(double minute) {
            this.minute = minute;
        }

        static Sample take(double minute, AppProcess compressor, AppProcess bridge)
                throws IOException, InterruptedException {
            Sample s = new Sample(minute);
            s.app("compressor", compressor);
            s.app("bridge", bridge);
            List<Map<String, Object>> streams = localStreams(bridge);
            for (String tier : TIERS) {
                long bytes = 0;
                long span = 0;
                long maxBlock = 0;
                double perHour = 0;
                for (Map<String, Object> t : tiers(streams, tier)) {
                    long b = number(t.get("bytes"));
                    long blocks = number(t.get("blocks"));
                    bytes += b;
                    if (t.get("fromPtsMillis") != null && t.get("toPtsMillis") != null) {
                        // the held span of the tier over all streams: the longest one
                        long held = number(t.get("toPtsMillis")) - number(t.get("fromPtsMillis"));
                        span = Math.max(span, held);
                        // a single frame still stands for a second of video, as in the bridge
                        perHour += b * 3_600_000.0 / Math.max(1000, held);
                    }
                    if (blocks > 0) {
                        maxBlock = Math.max(maxBlock, b / blocks);
                    }
                }
                s.tierBytes.put(tier, bytes);
                s.figures.put("bridge " + tier + " bytes", (double) bytes);
                s.heldSpanMillis.put(tier, span);
                s.maxBlockBytes.put(tier, maxBlock);
                s.bytesPerHour.put(tier, perHour);
            }
            s.frames = streams.stream().mapToLong(m -> number(m.get("frames"))).sum();
            return s;
        }

        private void app(String name, AppProcess app) throws IOException, InterruptedException {
            long rss = app.rssBytes();
            Map<String, Long> heap = heapAfterGc(app);
            figures.put(name + " rss", (double) rss);
            figures.put(name + " heap after gc", (double) heap.get("used"));
            figures.put(name + " heap committed", (double) heap.get("committed"));
            // metaspace, code cache, threads, RocksDB, ONNX Runtime, malloc arenas
            figures.put(name + " outside the heap", (double) (rss - heap.get("committed")));
            figures.put(name + " threads", (double) app.threads());
            figures.put(name + " open files", (double) app.openFiles());
            figures.put(name + " state bytes", (double) bytesUnder(app.stateDir()));
        }

        double figure(String name) {
            return figures.getOrDefault(name, Double.NaN);
        }

        @Override
        public String toString() {
            return String.format(
                    "%6.1f | %-44s | %-44s | %s, %d",
                    minute,
                    appLine("compressor"),
                    appLine("bridge"),
                    TIERS.stream()
                            .map(t -> String.format("%,d", tierBytes.getOrDefault(t, 0L) / 1024))
                            .toList(),
                    frames);
        }

        private String appLine(String name) {
            return String.format(
                    "%.0f, %.1f, %.0f, %.0f, %.0f, %.1f",
                    figure(name + " rss") / (1 << 20),
                    figure(name + " heap after gc") / (1 << 20),
                    figure(name + " heap committed") / (1 << 20),
                    figure(name + " threads"),
                    figure(name + " open files"),
                    figure(name + " state bytes") / (1 << 20));
        }
    }

    /** The bridge's own streams ({@code GET /v1/streams?scope=local}), as JSON objects. */
    private static List<Map<String, Object>> localStreams(AppProcess bridge) throws IOException {
        List<Map<String, Object>> streams =
                JsonPath.from(bridge.get("/v1/streams?scope=local").body()).getList("$");
        return streams == null ? List.of() : streams;
    }

    /** Every stream's entry of {@code tiers[]} for one tier. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tiers(List<Map<String, Object>> streams, String tier) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> stream : streams) {
            Object tiers = stream.get("tiers");
            if (tiers instanceof List<?> list) {
                for (Object t : list) {
                    if (t instanceof Map<?, ?> m && tier.equals(m.get("tier"))) {
                        out.add((Map<String, Object>) m);
                    }
                }
            }
        }
        return out;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /**
     * A full GC in the app ({@code jcmd PID GC.run}), then the heap its metrics report: "used" and
     * "committed", summed over the pools.
     */
    private static Map<String, Long> heapAfterGc(AppProcess app)
            throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc =
                new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "GC.run")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        if (!gc.waitFor(60, TimeUnit.SECONDS)) {
            gc.destroyForcibly();
            throw new IllegalStateException("jcmd GC.run did not end in 60 s");
        }
        Map<String, Long> heap = new LinkedHashMap<>(Map.of("used", 0L, "committed", 0L));
        for (String line : app.get("/q/metrics").body().split("\n")) {
            Matcher m = HEAP.matcher(line.trim());
            if (m.matches()) {
                heap.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
            }
        }
        return heap;
    }

    private static long bytesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    return 0; // a file RocksDB deleted while we walked
                                }
                            })
                    .sum();
        } catch (java.io.UncheckedIOException e) {
            return -1; // a directory deleted while we walked: the figure is missing this time
        }
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String s = String.format(format, args);
        System.out.println("[soak] " + s);
        report.append(s).append('\n');
    }
}
