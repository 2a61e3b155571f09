package dev.skim.e2e;

import dev.skim.avro.Frame;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.processor.ImageDecoder;
import dev.skim.core.encoder.EncoderConfig;
import dev.skim.core.encoder.EncoderFactory;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.encoder.RgbImage;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.source.LoopingSource;
import dev.skim.video.source.VideoFileSource;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not a test (no assertions; not matched by the failsafe includes). Run it with {@code
 * ./mvnw -pl tests verify -Dit.test=PipelineBench} (the apps must be built). In one run on the same
 * machine it measures:
 *
 * <ul>
 *   <li>the bare encoder (MobileNetV2 unless -Dskim.bench.encoder says otherwise; one frame per
 *       call, as the pipeline calls it) on the decoded frames: one caller with the runtime's
 *       default threads, and the pipeline's layout ({@value #THREADS} callers with one intra-op
 *       thread each); frames/s and process CPU per frame; the same callers decoding the JPEGs and
 *       encoding, and decoding alone;
 *   <li>the packaged compressor reading the same frames from {@code skim.frames} ({@value #STREAMS}
 *       streams on {@value #STREAMS} partitions) into committed FAST blocks: one instance with one
 *       thread, two such instances (scale-out), and one instance with {@value #THREADS} threads.
 *       Throughput and CPU per frame (all instances' process CPU, from the OS) are taken in the
 *       steady state, between the receipt of {@value #WARM_UP}% and {@value #STEADY_END}% of the
 *       frames, so JIT warm-up, the first rebalance and the last idle flush stay out; with it the
 *       CPU of this JVM (the broker's) and of the whole machine, and the JIT's share by fifth of
 *       the run;
 *   <li>pinned ("pinned"), the broker on other cores as in a deployment: the bare encoder and JPEG
 *       decode + encode with one caller on CPU 0, then one compressor thread on CPU 0 while this
 *       JVM (broker, reader) runs on the other CPUs ({@code taskset}; skipped without it);
 *   <li>bytes per frame in ({@code skim.frames}), out per tier and into the state changelogs;
 *   <li>frame-to-token latency with the last instance caught up: four more streams published in
 *       realtime at {@value #LATENCY_FPS} fps each, and for every frame the wall-clock time a
 *       read_committed consumer receives the FAST block holding it minus the frame record's
 *       CreateTime (same clock). It includes the window wait (window size + grace, or the idle
 *       flush for the last window).
 * </ul>
 *
 * The broker runs in this JVM on the same cores, as in a laptop run, except in the pinned layout.
 * Results go to stdout and {@code tests/target/bench/pipeline.txt}. {@code
 * -Dskim.it.app-jvm-args="..."} passes JVM options (and -D settings) to the apps, a flight
 * recording, say; {@code -Dskim.bench.default-layout-only=true} runs only the last layout, {@code
 * -Dskim.bench.layouts=scale-out,pinned} chooses the others (the default: both), and {@code
 * -Dskim.bench.frames-per-stream=N} the frames a stream (default 3200), for quick experiments. The
 * last line compares CPU a frame: what the pipeline adds to the model.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PipelineBench {

    private static final Topics TOPICS = Topics.defaults();
    private static final int STREAMS = KafkaBrokerExtension.PARTITIONS;
    private static final int FRAMES_PER_STREAM =
            Integer.getInteger("skim.bench.frames-per-stream", 3200);

    /** Decoded frames the bare encoder runs on (after one warm-up pass over them). */
    private static final int BARE_FRAMES = 600;

    /** The compressor's default keyframe size (skim.compressor.slow.keyframe-max-side). */
    private static final int KEYFRAME_SIDE = 320;

    /** Stream threads per compressor instance, each with a one-thread encoder. */
    private static final int THREADS = 2;

    /**
     * The steady state is measured between these percentages of the frames received: before it is
     * the JIT's warm-up. Its compiler threads' share of the compressor's CPU by fifth of a 12,800
     * frame run: 19%, 13%, 13%, 3%, 4%; the line after each layout prints it.
     */
    private static final int WARM_UP = 60;

    private static final int STEADY_END = 95;
    private static final int LATENCY_FPS = 1;
    private static final int LATENCY_FRAMES_PER_STREAM = 20;
    private static final String WINDOW_SIZE = "2s";
    private static final String WINDOW_GRACE = "1s";
    private static final String IDLE_FLUSH = "1s";

    /**
     * The encoder of the bare runs and of the compressor: {@code -Dskim.bench.encoder=NAME} (an
     * {@link EncoderConfig#NAMES} name, default mobilenetv2) and {@code
     * -Dskim.bench.encoder-model=PATH} for the names that need a model file (onnx, clip-vit-b16,
     * ...), so that a heavier model of one's own can be measured the same way.
     */
    private static final EncoderConfig ENCODER =
            EncoderConfig.of(
                    System.getProperty("skim.bench.encoder", "mobilenetv2"),
                    System.getProperty("skim.bench.encoder-model"));

    /** Milliseconds per /proc clock tick (USER_HZ is 100 on Linux). */
    private static final double TICK_MS = 10.0;

    /** The steady state of the last pipeline run: frames/s and CPU ms a frame without the JIT. */
    private static Steady lastRun;

    private record Steady(double fps, double cpuMsWithoutJit) {}

    @Test
    void measure(KafkaBroker broker) throws Exception {
        List<String> streams = streamsOnDistinctPartitions("bench-");
        PublishOptions options = PublishOptions.defaults().withMaxFrames(FRAMES_PER_STREAM);
        for (String stream : streams) {
            publish(broker, stream, options);
        }
        List<Frame> frames =
                TopicReader.readUntil(
                        broker.clientProperties(),
                        Topics.FRAMES,
                        TOPICS.frames().valueSerde().deserializer(),
                        l -> l.size() >= STREAMS * FRAMES_PER_STREAM,
                        Duration.ofMinutes(2));
        int total = frames.size();
        StringBuilder report = new StringBuilder();
        line(
                report,
                "frames: %d (%d streams x %d, %dx%d)",
                total,
                STREAMS,
                FRAMES_PER_STREAM,
                frames.get(0).getWidth(),
                frames.get(0).getHeight());
        var frameSerializer = TOPICS.frames().valueSerde().serializer();
        long bytesIn = 0;
        for (Frame f : frames) {
            bytesIn += frameSerializer.serialize(Topics.FRAMES, f).length;
        }
        line(
                report,
                "in: %.0f bytes/frame on the wire (skim.frames record value)",
                (double) bytesIn / total);
        line(
                report,
                "windows: size %s, grace %s, idle flush %s; exactly_once_v2, commit interval 200 ms",
                WINDOW_SIZE,
                WINDOW_GRACE,
                IDLE_FLUSH);
        line(
                report,
                "encoder: %s%s (the bare runs and the compressor alike)",
                ENCODER.name(),
                ENCODER.model() == null ? "" : ", model " + ENCODER.model());

        // 1. The bare encoder on the same frames, one per call (the pipeline's max-wait is 0):
        // one caller with the runtime's default threads, and the pipeline's own layout (THREADS
        // callers, one intra-op thread each). CPU is this JVM's, whose broker is idle meanwhile.
        List<RgbImage> images = new ArrayList<>(BARE_FRAMES);
        try (ImageDecoder fullSize = new ImageDecoder(4096L * 4096L)) {
            for (Frame f : frames.subList(0, Math.min(BARE_FRAMES, total))) {
                images.add(fullSize.decode(f));
            }
        }
        try (FrameEncoder encoder = EncoderFactory.create(ENCODER)) {
            bare(
                    report,
                    "encoder, 1 caller, runtime's default threads, batch 1",
                    images,
                    1,
                    () -> encoder::encode);
            Measured batched =
                    Measured.of(
                            images.size() / 8 * 8,
                            () -> {
                                for (int i = 0; i + 8 <= images.size(); i += 8) {
                                    encoder.encodeBatch(images.subList(i, i + 8));
                                }
                            });
            line(
                    report,
                    "bare, encoder %s, 1 caller, batch 8: %.1f frames/s, %.1f ms CPU/frame",
                    encoder.id(),
                    batched.fps(),
                    batched.cpuMsPerFrame());
        }
        Measured bareBefore;
        Measured decodeAndEncode;
        Measured decodeAlone;
        try (FrameEncoder encoder = EncoderFactory.create(ENCODER.withPredictors(THREADS, 1))) {
            bareBefore =
                    bare(
                            report,
                            "encoder, "
                                    + THREADS
                                    + " callers x 1 intra-op thread (the pipeline's layout), batch 1",
                            images,
                            THREADS,
                            () -> encoder::encode);
            // what a script reading the topic would do: decode the JPEG bytes (with the
            // compressor's own decoder and scale) and encode
            List<ImageDecoder> decoders = java.util.Collections.synchronizedList(new ArrayList<>());
            decodeAndEncode =
                    bare(
                            report,
                            "JPEG decode + encoder, " + THREADS + " callers x 1 intra-op thread",
                            frames.subList(0, images.size()),
                            THREADS,
                            decoding(encoder, decoders, encoder::encode));
            // the decoding alone, the same way: the part of the pipeline's overhead it explains
            decodeAlone =
                    bare(
                            report,
                            "JPEG decode alone, " + THREADS + " callers",
                            frames.subList(0, images.size()),
                            THREADS,
                            decoding(encoder, decoders, image -> image));
            decoders.forEach(ImageDecoder::close);
        }

        // 2. The pipeline, each run a fresh application reading from offset 0: scale-out with
        // one-thread instances (one, then two), then the default layout of one instance with
        // THREADS threads, which (last, so that its extra latency frames are read by no other
        // run) also measures the latency.
        List<String> extra =
                Boolean.getBoolean("skim.bench.default-layout-only")
                        ? List.of()
                        : List.of(
                                System.getProperty("skim.bench.layouts", "scale-out,pinned")
                                        .split("\\s*,\\s*"));
        if (extra.contains("scale-out")) {
            runPipeline(broker, 1, 1, total, report);
            runPipeline(broker, 2, 1, total, report);
        }
        if (extra.contains("pinned")) {
            pinned(broker, images, frames.subList(0, images.size()), total, report);
        }
        double pipeline = runPipeline(broker, 1, THREADS, total, report);

        // 3. The bare encoder in the pipeline's layout once more: these machines are shared, and a
        // drift between the first and this figure says how far to trust the ratios.
        Measured bareAfter;
        try (FrameEncoder encoder = EncoderFactory.create(ENCODER.withPredictors(THREADS, 1))) {
            bareAfter =
                    bare(
                            report,
                            "encoder, "
                                    + THREADS
                                    + " callers x 1 intra-op thread, again after the pipeline runs",
                            images,
                            THREADS,
                            () -> encoder::encode);
        }
        line(
                report,
                "pipeline (1 instance x %d threads) / bare encoder (same layout): %.2f against the"
                        + " faster of its two runs (%.2f against the first, %.2f against the"
                        + " second: a slow bare run means the machine was busy, not a fast"
                        + " pipeline); / JPEG decode + encode: %.2f",
                THREADS,
                pipeline / Math.max(bareBefore.fps(), bareAfter.fps()),
                pipeline / bareBefore.fps(),
                pipeline / bareAfter.fps(),
                pipeline / decodeAndEncode.fps());
        // the same comparison in CPU: what the pipeline costs a frame beyond the model, whatever
        // else runs on the machine (here the broker)
        double bareCpu = Math.min(bareBefore.cpuMsPerFrame(), bareAfter.cpuMsPerFrame());
        double added = lastRun.cpuMsWithoutJit() - bareCpu;
        line(
                report,
                "CPU a frame: bare encoder %.1f ms (the lower of its two runs), pipeline %.1f ms"
                        + " without the JIT, so the pipeline adds %.1f ms a frame (JPEG decode alone"
                        + " %.1f ms; the rest is Kafka, exactly-once, state and windows); bare /"
                        + " pipeline CPU: %.2f. With the broker on other"
                        + " cores, an encoder of at least 9 x %.1f = %.0f ms CPU a frame would run"
                        + " at 0.9 of its bare throughput in the pipeline",
                bareCpu,
                lastRun.cpuMsWithoutJit(),
                added,
                decodeAlone.cpuMsPerFrame(),
                bareCpu / lastRun.cpuMsWithoutJit(),
                added,
                9 * added);
        Path out = AppProcess.rootDir().resolve("tests/target/bench/pipeline.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /**
     * Work for {@link #bare}: each caller gets its own decoder (kept in decoders, to be closed),
     * decodes a frame and hands the image on.
     */
    private static Supplier<java.util.function.Function<Frame, ?>> decoding(
            FrameEncoder encoder,
            List<ImageDecoder> decoders,
            java.util.function.Function<RgbImage, ?> then) {
        return () -> {
            ImageDecoder decoder = scaledDecoder(encoder);
            decoders.add(decoder);
            return f -> then.apply(decoder.decode(f));
        };
    }

    /** The compressor's own decoder, at the scale it would use for this encoder. */
    private static ImageDecoder scaledDecoder(FrameEncoder encoder) {
        return new ImageDecoder(
                4096L * 4096L, new ImageDecoder.MinSize(encoder.inputSide(), KEYFRAME_SIDE));
    }

    /**
     * The broker on other cores, as in a deployment: the bare encoder (one caller, one thread) and
     * JPEG decode + encode on CPU 0, then one compressor with one thread on CPU 0 while this JVM
     * (the broker and the reader) runs on the other CPUs. Needs taskset and two CPUs or more.
     */
    private static void pinned(
            KafkaBroker broker,
            List<RgbImage> images,
            List<Frame> frames,
            int total,
            StringBuilder report)
            throws Exception {
        // the CPUs this JVM may use (a cpuset may give it fewer than the machine has), restored
        // exactly afterwards
        String allowed = allowedCpus();
        List<String> cpus = expand(allowed);
        if (cpus.size() < 2) {
            line(
                    report,
                    "pinned comparison skipped: it needs two CPUs, this JVM may use %s",
                    allowed);
            return;
        }
        String first = cpus.get(0);
        String others = String.join(",", cpus.subList(1, cpus.size()));
        try {
            if (!pin(first)) {
                line(report, "pinned comparison skipped: taskset could not pin this JVM");
                return;
            }
            Measured bare;
            Measured decodeAndEncode;
            try (FrameEncoder encoder = EncoderFactory.create(ENCODER.withPredictors(1, 1))) {
                bare =
                        bare(
                                report,
                                "encoder, 1 caller x 1 intra-op thread, on CPU " + first + " only",
                                images,
                                1,
                                () -> encoder::encode);
                List<ImageDecoder> decoders = new ArrayList<>();
                decodeAndEncode =
                        bare(
                                report,
                                "JPEG decode + encoder, 1 caller x 1 thread, on CPU "
                                        + first
                                        + " only",
                                frames,
                                1,
                                decoding(encoder, decoders, encoder::encode));
                decoders.forEach(ImageDecoder::close);
            }
            if (!pin(others)) {
                line(report, "pinned comparison skipped: taskset could not move this JVM");
                return;
            }
            double fps = runPipeline(broker, 1, 1, total, report, first);
            line(
                    report,
                    "pinned: one compressor thread on CPU %s with the broker on CPU %s runs at %.2f"
                            + " of the bare encoder on that CPU and %.2f of JPEG decode + encode on"
                            + " it (CPU a frame: encoder %.1f ms, decode + encode %.1f ms, pipeline"
                            + " %.1f ms without the JIT)",
                    first,
                    others,
                    fps / bare.fps(),
                    fps / decodeAndEncode.fps(),
                    bare.cpuMsPerFrame(),
                    decodeAndEncode.cpuMsPerFrame(),
                    lastRun.cpuMsWithoutJit());
        } finally {
            pin(allowed);
        }
    }

    /**
     * This JVM's Cpus_allowed_list from /proc (e.g. "0-1" or "0,2-3"); the CPU count's range
     * elsewhere.
     */
    private static String allowedCpus() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Cpus_allowed_list:")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException e) {
            // not Linux: fall through
        }
        return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    }

    /** "0,2-3" as ["0", "2", "3"]. */
    private static List<String> expand(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int c = from; c <= to; c++) {
                out.add(Integer.toString(c));
            }
        }
        return out;
    }

    /** Moves every thread of this JVM to the given CPUs (taskset -a); false when it cannot. */
    private static boolean pin(String cpus) {
        try {
            Process p =
                    new ProcessBuilder(
                                    "taskset",
                                    "-a",
                                    "-cp",
                                    cpus,
                                    Long.toString(ProcessHandle.current().pid()))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs one layout and reports it; returns its steady-state frames per second. */
    private static double runPipeline(
            KafkaBroker broker, int instances, int threads, int total, StringBuilder report)
            throws Exception {
        return runPipeline(broker, instances, threads, total, report, null);
    }

    /** As above, with the apps on the given CPUs only (null: all). */
    private static double runPipeline(
            KafkaBroker broker,
            int instances,
            int threads,
            int total,
            StringBuilder report,
            String cpus)
            throws Exception {
        Map<TopicPartition, Long> start = endOffsets(broker, Topics.TOKENS);
        String appId = "bench-" + instances + "-" + UUID.randomUUID();
        Map<String, String> props = new HashMap<>();
        props.put("skim.compressor.encoder.name", ENCODER.name());
        if (ENCODER.model() != null) {
            props.put("skim.compressor.encoder.model", ENCODER.model());
        }
        props.putAll(
                Map.of(
                        "quarkus.kafka-streams.application-id",
                        appId,
                        "skim.compressor.window.size",
                        WINDOW_SIZE,
                        "skim.compressor.window.grace",
                        WINDOW_GRACE,
                        "skim.compressor.window.idle-flush",
                        IDLE_FLUSH,
                        "skim.compressor.threads",
                        Integer.toString(threads)));
        List<AppProcess> apps = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                // the heap of a deployed compressor (60% of the 2-3 GiB in deploy/k8s); 512 MiB
                // cost 5-6% of the CPU in GC
                apps.add(
                        AppProcess.launch(
                                "compressor", broker.bootstrapServers(), props, "1g", cpus));
            }
            for (AppProcess app : apps) {
                app.awaitReady(Duration.ofMinutes(2));
            }
            Supplier<Duration> cpu =
                    () -> apps.stream().map(AppProcess::cpu).reduce(Duration.ZERO, Duration::plus);
            // CPU ticks by where they went: "app." the compressors' threads by kind, "self." this
            // JVM's (the broker's and the reader's), "machine." all CPUs
            Supplier<Map<String, Long>> ticks =
                    () -> {
                        Map<String, Long> all = new HashMap<>();
                        apps.forEach(
                                a ->
                                        a.threadTicks()
                                                .forEach(
                                                        (k, v) ->
                                                                all.merge(
                                                                        "app." + k, v, Long::sum)));
                        ThreadTicks.of(ProcessHandle.current().pid())
                                .forEach((k, v) -> all.put("self." + k, v));
                        ThreadTicks.machine().forEach((k, v) -> all.put("machine." + k, v));
                        return all;
                    };
            List<Progress> progress = new ArrayList<>();
            long t0 = System.nanoTime();
            List<TokenBlock> blocks =
                    readFrom(broker, start, total, new HashMap<>(), cpu, ticks, progress);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Progress from = Progress.reaching(progress, total * WARM_UP / 100);
            Progress to = Progress.reaching(progress, total * STEADY_END / 100);
            double frames = to.frames() - from.frames();
            if (frames <= 0 || to.nanos() == from.nanos()) {
                throw new IllegalStateException(
                        "the steady state got no frames between two polls: run more frames a stream"
                                + " (-Dskim.bench.frames-per-stream)");
            }
            double cpuMs = (to.cpu().toNanos() - from.cpu().toNanos()) / 1e6 / frames;
            double fps = frames / ((to.nanos() - from.nanos()) / 1e9);
            double jit = Progress.share(from, to, "app.", "jit");
            line(
                    report,
                    "pipeline, %d instance(s) x %d thread(s)%s: steady state (frames %d%%..%d%%)"
                            + " %.1f frames/s, %.1f ms CPU/frame (all instances; JIT compiler threads"
                            + " %.0f%% of it, GC threads %.0f%%; %.1f ms without the JIT); whole run"
                            + " %d frames in %.1f s = %.1f frames/s (from ready, so with JIT warm-up,"
                            + " the rebalance and the last idle flush)",
                    instances,
                    threads,
                    cpus == null ? "" : " on CPU " + cpus + " only",
                    WARM_UP,
                    STEADY_END,
                    fps,
                    cpuMs,
                    100 * jit,
                    100 * Progress.share(from, to, "app.", "gc"),
                    cpuMs * (1 - jit),
                    total,
                    seconds,
                    total / seconds);
            long machineAll = Progress.ticks(from, to, "machine.all");
            line(
                    report,
                    "  same steady state, the rest of the machine: this JVM (the broker and the"
                            + " bench's reader) %.1f ms CPU/frame (JIT %.0f%% of it); the machine's"
                            + " CPUs (/proc/stat) %.0f%% busy",
                    Progress.ticks(from, to, "self.") * TICK_MS / frames,
                    100 * Progress.share(from, to, "self.", "jit"),
                    machineAll <= 0
                            ? 0.0
                            : 100.0 * Progress.ticks(from, to, "machine.busy") / machineAll);
            StringBuilder jitTrend = new StringBuilder();
            for (int fifth = 0; fifth < 5; fifth++) {
                Progress a =
                        fifth == 0
                                ? progress.get(0)
                                : Progress.reaching(progress, total * fifth / 5);
                Progress b = Progress.reaching(progress, total * (fifth + 1) / 5 - 1);
                jitTrend.append(
                        String.format(" %.0f%%", 100 * Progress.share(a, b, "app.", "jit")));
            }
            line(
                    report,
                    "  JIT compiler threads' share of the compressors' CPU by fifth of the run:%s",
                    jitTrend);
            lastRun = new Steady(fps, cpuMs * (1 - jit));
            if (instances == 1 && threads == THREADS) {
                changelogBytes(broker, appId, total, report);
                bytesPerFrame(blocks, report);
                latency(broker, report);
            }
            return fps;
        } finally {
            apps.forEach(AppProcess::close);
        }
    }

    /**
     * Bytes the run wrote to its state stores' changelog topics (from the broker's log dirs; the
     * active segments, so nothing is compacted away yet), per frame and by store.
     */
    private static void changelogBytes(
            KafkaBroker broker, String appId, int total, StringBuilder report) throws Exception {
        Map<String, Long> byStore = new java.util.TreeMap<>();
        try (Admin admin = broker.admin()) {
            List<Integer> ids =
                    admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
            for (var dirs : admin.describeLogDirs(ids).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    dir.replicaInfos()
                            .forEach(
                                    (tp, info) -> {
                                        String topic = tp.topic();
                                        if (topic.startsWith(appId + "-")
                                                && topic.endsWith("-changelog")) {
                                            String store =
                                                    topic.substring(
                                                            appId.length() + 1,
                                                            topic.length() - "-changelog".length());
                                            byStore.merge(store, info.size(), Long::sum);
                                        }
                                    });
                }
            }
        }
        long all = byStore.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder stores = new StringBuilder();
        byStore.forEach(
                (store, bytes) ->
                        stores.append(
                                String.format(
                                        "%s%s %.0f",
                                        stores.length() == 0 ? "" : ", ",
                                        store,
                                        (double) bytes / total)));
        line(
                report,
                "state changelogs: %.0f bytes/frame written (%s)",
                (double) all / total,
                stores);
    }

    private static void bytesPerFrame(List<TokenBlock> blocks, StringBuilder report) {
        var serializer = TOPICS.tokens().valueSerde().serializer();
        for (Tier tier : List.of(Tier.FAST, Tier.SLOW)) {
            long bytes = 0;
            long frames = 0;
            long in = 0;
            long out = 0;
            for (TokenBlock b : blocks) {
                if (b.getTier() != tier) {
                    continue;
                }
                bytes += serializer.serialize(Topics.TOKENS, b).length;
                frames += b.getFrames().size() + b.getGated().size();
                in += b.getTokensIn();
                out += b.getTokensOut();
            }
            line(
                    report,
                    "%s: %d frames, %.0f bytes/frame on the wire, tokens %d -> %d (ratio %.1f)",
                    tier,
                    frames,
                    (double) bytes / Math.max(1, frames),
                    in,
                    out,
                    (double) in / Math.max(1, out));
        }
    }

    /**
     * With the pipeline running and caught up: publishes new streams in realtime, receives their
     * FAST blocks meanwhile and reports p50 and p99 of (receive time - frame CreateTime).
     */
    private static void latency(KafkaBroker broker, StringBuilder report) throws Exception {
        List<String> streams = streamsOnDistinctPartitions("latency-");
        int total = streams.size() * LATENCY_FRAMES_PER_STREAM;
        Map<TopicPartition, Long> framesStart = endOffsets(broker, Topics.FRAMES);
        Map<TopicPartition, Long> tokensStart = endOffsets(broker, Topics.TOKENS);
        PublishOptions options =
                PublishOptions.defaults()
                        .withRealtime(true)
                        .withTargetFps(LATENCY_FPS)
                        .withMaxFrames(LATENCY_FRAMES_PER_STREAM);
        ExecutorService pool = Executors.newFixedThreadPool(streams.size());
        Map<String, Long> receivedAt = new HashMap<>();
        try {
            List<Future<?>> published = new ArrayList<>();
            for (String stream : streams) {
                published.add(
                        pool.submit(
                                () -> {
                                    publish(broker, stream, options);
                                    return null;
                                }));
            }
            readFrom(
                    broker,
                    tokensStart,
                    total,
                    receivedAt,
                    () -> Duration.ZERO,
                    Map::of,
                    new ArrayList<>());
            for (Future<?> f : published) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> producedAt = frameTimestamps(broker, framesStart, total);
        List<Long> latencies = new ArrayList<>();
        producedAt.forEach(
                (key, created) -> {
                    Long received = receivedAt.get(key);
                    if (received != null) {
                        latencies.add(received - created);
                    }
                });
        Collections.sort(latencies);
        line(
                report,
                "latency, 1 instance: %d of %d frames (%d streams x %d, published in realtime at %d"
                        + " fps each): frame-to-token p50 %d ms, p99 %d ms, max %d ms (CreateTime of"
                        + " the skim.frames record to read_committed receipt of its FAST block;"
                        + " includes the window wait: size %s + grace %s, idle flush %s)",
                latencies.size(),
                total,
                streams.size(),
                LATENCY_FRAMES_PER_STREAM,
                LATENCY_FPS,
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1),
                WINDOW_SIZE,
                WINDOW_GRACE,
                IDLE_FLUSH);
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** CreateTime of the frame records written after the given offsets, by "stream/seq". */
    private static Map<String, Long> frameTimestamps(
            KafkaBroker broker, Map<TopicPartition, Long> start, int total) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Long> out = new HashMap<>();
        try (var consumer =
                new KafkaConsumer<>(
                        props,
                        new StringDeserializer(),
                        TOPICS.frames().valueSerde().deserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (out.size() < total && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100))
                        .forEach(
                                r -> {
                                    if (r.timestampType() != TimestampType.CREATE_TIME) {
                                        throw new IllegalStateException(
                                                "skim.frames has " + r.timestampType());
                                    }
                                    out.put(r.key() + "/" + r.value().getSeq(), r.timestamp());
                                });
            }
        }
        return out;
    }

    /**
     * Committed blocks written after the given offsets, until total frames are in FAST blocks;
     * receivedAt gets, by "stream/seq", the wall-clock time the FAST block of each frame came in,
     * and progress one entry per poll that brought new frames.
     */
    private static List<TokenBlock> readFrom(
            KafkaBroker broker,
            Map<TopicPartition, Long> start,
            int total,
            Map<String, Long> receivedAt,
            Supplier<Duration> cpu,
            Supplier<Map<String, Long>> ticks,
            List<Progress> progress) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<TokenBlock> out = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(
                        props,
                        new StringDeserializer(),
                        TOPICS.tokens().valueSerde().deserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (receivedAt.size() < total && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                records.forEach(
                        r -> {
                            TokenBlock b = r.value();
                            out.add(b);
                            if (b.getTier() == Tier.FAST) {
                                b.getFrames()
                                        .forEach(
                                                f ->
                                                        receivedAt.putIfAbsent(
                                                                b.getStreamId() + "/" + f.getSeq(),
                                                                now));
                                b.getGated()
                                        .forEach(
                                                f ->
                                                        receivedAt.putIfAbsent(
                                                                b.getStreamId() + "/" + f.getSeq(),
                                                                now));
                            }
                        });
                if (!records.isEmpty()) {
                    progress.add(
                            new Progress(
                                    receivedAt.size(), System.nanoTime(), cpu.get(), ticks.get()));
                }
            }
        }
        return out;
    }

    /**
     * Frames received so far, when, the CPU time the apps had used by then, and CPU ticks by where
     * they went ({@link ThreadTicks}).
     */
    private record Progress(int frames, long nanos, Duration cpu, Map<String, Long> ticks) {
        /**
         * The share of the ticks between two points under a prefix ("app.", "self.") that went to
         * threads of that kind.
         */
        static double share(Progress from, Progress to, String prefix, String kind) {
            long all = ticks(from, to, prefix);
            return all <= 0 ? 0 : (double) ticks(from, to, prefix + kind) / all;
        }

        /** Ticks between two points of every key that starts with the given prefix. */
        static long ticks(Progress from, Progress to, String prefix) {
            long sum = 0;
            for (String k : to.ticks().keySet()) {
                if (k.startsWith(prefix)) {
                    sum += to.ticks().get(k) - from.ticks().getOrDefault(k, 0L);
                }
            }
            return sum;
        }

        static Progress reaching(List<Progress> progress, int frames) {
            return progress.stream()
                    .filter(p -> p.frames() >= frames)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("never reached " + frames));
        }
    }

    /** Frames per second and CPU per frame (this JVM's process CPU) of one run of a task. */
    private record Measured(double fps, double cpuMsPerFrame) {
        static Measured of(int frames, Runnable task) {
            var os =
                    (com.sun.management.OperatingSystemMXBean)
                            ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long t = System.nanoTime();
            task.run();
            double seconds = (System.nanoTime() - t) / 1e9;
            return new Measured(frames / seconds, (os.getProcessCpuTime() - cpu) / 1e6 / frames);
        }
    }

    /**
     * Runs the work on every input once, from the given number of threads (each gets its own work
     * function, made at the start of each pass), once to warm up and once measured.
     */
    private static <T> Measured bare(
            StringBuilder report,
            String layout,
            List<T> images,
            int callers,
            Supplier<java.util.function.Function<T, ?>> work)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            Runnable all =
                    () -> {
                        List<Future<?>> parts = new ArrayList<>();
                        for (int c = 0; c < callers; c++) {
                            int first = c;
                            parts.add(
                                    pool.submit(
                                            () -> {
                                                var encode = work.get();
                                                for (int i = first;
                                                        i < images.size();
                                                        i += callers) {
                                                    encode.apply(images.get(i));
                                                }
                                            }));
                        }
                        for (Future<?> f : parts) {
                            try {
                                f.get();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    };
            Measured.of(images.size(), all); // warm-up
            Measured m = Measured.of(images.size(), all);
            line(
                    report,
                    "bare, %s: %.1f frames/s, %.1f ms CPU/frame",
                    layout,
                    m.fps(),
                    m.cpuMsPerFrame());
            return m;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaBroker broker, String topic) {
        Properties props = broker.clientProperties();
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
            return new HashMap<>(consumer.endOffsets(parts));
        }
    }

    private static void publish(KafkaBroker broker, String stream, PublishOptions options)
            throws Exception {
        Path video =
                Path.of(System.getProperty("skim.shared.dir", "../../shared"), "data", "vtest.avi");
        try (FramePublisher publisher =
                FramePublisher.builder().bootstrapServers(broker.bootstrapServers()).build()) {
            if (Files.isRegularFile(video)) {
                // looped (pts keep increasing), so a stream can be longer than the video
                try (LoopingSource source =
                        new LoopingSource(() -> VideoFileSource.open(video), 0)) {
                    publisher.publish(stream, source, options);
                }
            } else {
                try (SyntheticVideoSource source =
                        SyntheticVideoSource.of(new SyntheticSpec(768, 576, 10, 300, 3, 3, 2))) {
                    publisher.publish(stream, source, options);
                }
            }
        }
    }

    private static List<String> streamsOnDistinctPartitions(String prefix) {
        Map<Integer, String> byPartition = new java.util.TreeMap<>();
        for (int i = 0; byPartition.size() < STREAMS; i++) {
            String id = prefix + i;
            int p = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % STREAMS;
            byPartition.putIfAbsent(p, id);
        }
        return List.copyOf(byPartition.values());
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String s = String.format(format, args);
        System.out.println("[bench] " + s);
        report.append(s).append('\n');
    }
}
