package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenBlock;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos (DESIGN.md section 10, issue 15): nothing is lost or duplicated when instances die at any
 * moment.
 *
 * <ol>
 *   <li>Two packaged compressors; 10,000 frames (8 streams x 1,250, on all 4 partitions) are
 *       published while a supervisor SIGKILLs one of the two at 10 random moments of the ingest and
 *       starts it again on its own state directory, as a pod with a persistent volume or a systemd
 *       unit would come back (so the restart also goes through exactly-once's wipe of the dirty
 *       task state and the in-flight guard of the quarantine). The next kill waits only until the
 *       restarted JVM is up (live), not until its group has settled, so kills also fall into
 *       rebalances, state restoration and the first transactions of a restarted instance. Every
 *       (stream, seq) is then exactly once in the committed FAST blocks (read_committed), every
 *       keyframe once, nothing dead-lettered.
 *   <li>Two packaged bridges, started with the compressors, read that output; each stream's totals
 *       ({@code GET /v1/streams/{id}}, answered by whichever instance is asked, forwarded to the
 *       owner) are recorded once every frame is in. One of the two is SIGKILLed at 10 random
 *       moments and started again on a fresh, empty state directory, so its memory must be rebuilt
 *       from the changelogs; after each restart and at the end both instances answer the same
 *       totals for every stream as before.
 * </ol>
 *
 * The kill moments and victims come from a seeded {@link Random}; the seed is printed, and {@code
 * -Dskim.chaos.seed=N} replays it. No timing is asserted, only bounded. About 4-5 minutes on the
 * 2-core CI machine (22 app starts).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ChaosIT {

    private static final Topics TOPICS = Topics.defaults();
    private static final int STREAMS = 8;
    private static final int FRAMES_PER_STREAM = 1250;
    private static final int FRAMES = STREAMS * FRAMES_PER_STREAM;
    private static final int CYCLES = 10;

    /** Frames a second the ingest publishes, over all streams (it pauses while a restart runs). */
    private static final int RATE = 200;

    private static final int WIDTH = 96;
    private static final int HEIGHT = 72;
    private static final int VARIANTS = 40;

    private static final Duration READY = Duration.ofMinutes(2);
    private static final Duration SETTLE = Duration.ofMinutes(3);

    /** Model-free encoder; a stream's last window is flushed soon; a lost member is seen soon. */
    private static final Map<String, String> COMPRESSOR =
            Map.of(
                    "skim.compressor.encoder.name", "classical",
                    "skim.compressor.window.idle-flush", "2s",
                    "kafka-streams.consumer.session.timeout.ms", "6000",
                    "kafka-streams.consumer.heartbeat.interval.ms", "1000");

    private static final Map<String, String> BRIDGE =
            Map.of(
                    "kafka-streams.consumer.session.timeout.ms", "6000",
                    "kafka-streams.consumer.heartbeat.interval.ms", "1000");

    private final List<AppProcess> started = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(AppProcess::close);
        stateDirs.forEach(AppProcess::deleteTree);
    }

    @Test
    void shouldCarryEveryFrameOnceAndKeepStreamTotalsThroughTenKillsOfACompressorAndOfABridge(
            KafkaBroker broker) throws Exception {
        long seed = Long.getLong("skim.chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        long t0 = System.nanoTime();
        log(t0, "seed " + seed + " (replay with -Dskim.chaos.seed=" + seed + ")");
        List<String> streams = streamsOnEveryPartition();
        log(t0, "streams " + streams + ", " + FRAMES_PER_STREAM + " frames each");

        // 1. Two compressors, each on its own state directory, which its restarts reuse.
        Path[] compressorState = new Path[2];
        AppProcess[] compressors = new AppProcess[2];
        for (int i = 0; i < 2; i++) {
            compressorState[i] = Files.createTempDirectory("skim-chaos-compressor-" + i + "-");
            stateDirs.add(compressorState[i]);
            compressors[i] = launchCompressor(broker, compressorState[i]);
        }
        // the bridges read the output as it comes; their kills start once every frame is in
        AppProcess[] bridges = new AppProcess[2];
        for (int i = 0; i < 2; i++) {
            bridges[i] = launchBridge(broker);
        }
        for (AppProcess c : compressors) {
            c.awaitReady(READY);
        }
        log(t0, "two compressors ready");

        // 2. The ingest runs while the supervisor kills one of the two at 10 random frame counts
        //    (plus a random delay) and starts it again; the ingest waits at a kill point until
        //    the previous restart is up, so that every kill falls inside the ingest and hits one
        //    of two live JVMs.
        TreeSet<Integer> points = new TreeSet<>();
        while (points.size() < CYCLES) {
            points.add(300 + random.nextInt(FRAMES - 600));
        }
        List<Integer> killAt = List.copyOf(points);
        log(t0, "compressor kill points (frames published): " + killAt);
        AtomicInteger published = new AtomicInteger();
        AtomicInteger cyclesDone = new AtomicInteger();
        List<byte[]> jpegs = jpegs();
        CompletableFuture<Void> ingest =
                CompletableFuture.runAsync(
                        () -> publish(broker, streams, jpegs, killAt, published, cyclesDone));
        List<String> compressorKills = new ArrayList<>();
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                while (published.get() < killAt.get(cycle) && !ingest.isDone()) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(1500));
                int victim = random.nextInt(2);
                int at = published.get();
                compressors[victim].kill();
                compressorKills.add("#" + victim + "@" + at);
                log(
                        t0,
                        "cycle "
                                + (cycle + 1)
                                + ": SIGKILL compressor #"
                                + victim
                                + " at frame "
                                + at);
                compressors[victim] = launchCompressor(broker, compressorState[victim]);
                compressors[victim].awaitLive(READY);
                log(t0, "cycle " + (cycle + 1) + ": compressor #" + victim + " up again");
                cyclesDone.incrementAndGet();
            }
        } finally {
            // a failed cycle must not leave the ingest waiting for it
            cyclesDone.set(CYCLES);
        }
        ingest.get(10, TimeUnit.MINUTES);
        log(
                t0,
                "all "
                        + published.get()
                        + " frames published; compressor kills "
                        + compressorKills);

        // 3. Every (stream, seq) exactly once in the committed FAST blocks.
        TopicReader.readUntil(
                broker.clientProperties(),
                Topics.TOKENS,
                TOPICS.tokens().valueSerde().deserializer(),
                l -> streams.stream().allMatch(s -> complete(l, s)),
                SETTLE);
        List<TokenBlock> blocks =
                TopicReader.readAll(
                        broker.clientProperties(),
                        Topics.TOKENS,
                        TOPICS.tokens().valueSerde().deserializer(),
                        Duration.ofSeconds(5));
        List<Keyframe> keyframes =
                TopicReader.readAll(
                        broker.clientProperties(),
                        Topics.KEYFRAMES,
                        TOPICS.keyframes().valueSerde().deserializer(),
                        Duration.ofSeconds(3));
        List<DeadLetter> deadFrames =
                TopicReader.readAll(
                        broker.clientProperties(),
                        Topics.DEAD_LETTERS,
                        TOPICS.deadLetters().valueSerde().deserializer(),
                        Duration.ofSeconds(1));
        List<String> lost = new ArrayList<>();
        Map<String, Long> duplicated = new TreeMap<>();
        int seen = 0;
        for (String stream : streams) {
            Map<Long, Long> counts = TokenChecks.fastCounts(blocks, stream);
            seen += counts.size();
            for (long seq = 0; seq < FRAMES_PER_STREAM; seq++) {
                long n = counts.getOrDefault(seq, 0L);
                if (n == 0) {
                    lost.add(stream + "/" + seq);
                } else if (n > 1) {
                    duplicated.put(stream + "/" + seq, n);
                }
            }
            counts.keySet().stream()
                    .filter(s -> s < 0 || s >= FRAMES_PER_STREAM)
                    .forEach(s -> lost.add(stream + "/" + s + " (unknown seq)"));
        }
        Map<String, Long> keyframeRepeats =
                keyframes.stream()
                        .collect(
                                Collectors.groupingBy(
                                        k -> k.getStreamId() + "/" + k.getSeq(),
                                        TreeMap::new,
                                        Collectors.counting()));
        keyframeRepeats.values().removeIf(n -> n == 1);
        log(
                t0,
                String.format(
                        "compressor chaos: seed %d, %d frames published, %d kills, %d distinct"
                                + " (stream, seq) in %d committed blocks; lost %d %s; duplicated"
                                + " %d %s; keyframes %d (repeated %d %s); frame dead letters %d %s",
                        seed,
                        published.get(),
                        compressorKills.size(),
                        seen,
                        blocks.size(),
                        lost.size(),
                        first(lost),
                        duplicated.size(),
                        first(List.copyOf(duplicated.entrySet())),
                        keyframes.size(),
                        keyframeRepeats.size(),
                        first(List.copyOf(keyframeRepeats.entrySet())),
                        deadFrames.size(),
                        first(
                                deadFrames.stream()
                                        .map(
                                                d ->
                                                        d.getStreamId()
                                                                + " "
                                                                + d.getStage()
                                                                + ": "
                                                                + d.getReason())
                                        .toList())));
        assertThat(published.get()).as("frames published").isEqualTo(FRAMES);
        assertThat(compressorKills).as("compressor kills").hasSize(CYCLES);
        assertThat(lost).as("(stream, seq) lost from the committed FAST blocks").isEmpty();
        assertThat(duplicated).as("(stream, seq) more than once in the FAST blocks").isEmpty();
        assertThat(keyframeRepeats).as("keyframes committed more than once").isEmpty();
        assertThat(deadFrames).as("frames dead-lettered").isEmpty();
        for (AppProcess c : compressors) {
            c.close();
        }

        // 4. The two bridges have read the output; the totals of every stream before any kill.
        for (AppProcess b : bridges) {
            b.awaitReady(READY);
        }
        Map<String, Totals> before = awaitTotals(bridges, streams, null, t0, "before");
        log(t0, "stream totals before: " + before);
        for (String stream : streams) {
            assertThat(before.get(stream).frames())
                    .as("frames the bridge holds of %s", stream)
                    .isEqualTo(FRAMES_PER_STREAM);
        }

        // 5. Ten kills of one of the two bridges, each restarted on a fresh state directory; after
        //    each restart both answer the same totals for every stream.
        List<String> bridgeKills = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Thread.sleep(500 + random.nextInt(3500));
            int victim = random.nextInt(2);
            bridges[victim].kill();
            bridgeKills.add("#" + victim);
            log(t0, "bridge cycle " + (cycle + 1) + ": SIGKILL bridge #" + victim);
            bridges[victim] = launchBridge(broker);
            bridges[victim].awaitReady(READY);
            Map<String, Totals> now =
                    awaitTotals(bridges, streams, before, t0, "after cycle " + (cycle + 1));
            log(
                    t0,
                    "bridge cycle "
                            + (cycle + 1)
                            + ": totals equal again; streams held by the restarted bridge #"
                            + victim
                            + ": "
                            + localStreams(bridges[victim])
                            + ", by the other: "
                            + localStreams(bridges[1 - victim]));
            assertThat(now).as("totals after bridge cycle %d", cycle + 1).isEqualTo(before);
        }
        Map<String, Totals> after = awaitTotals(bridges, streams, before, t0, "at the end");
        log(
                t0,
                String.format(
                        "bridge chaos: seed %d, %d kills %s; totals before %s; after %s; equal %s",
                        seed,
                        bridgeKills.size(),
                        bridgeKills,
                        before,
                        after,
                        before.equals(after)));
        assertThat(bridgeKills).as("bridge kills").hasSize(CYCLES);
        assertThat(after).as("stream totals at the end").isEqualTo(before);
    }

    /** The totals of a stream that do not depend on which instance holds it or for how long. */
    record Totals(
            long frames,
            long blocks,
            long tokensIn,
            long tokensOut,
            long vectorBytes,
            long firstSeq,
            long lastSeq,
            long firstPtsMillis,
            long lastPtsMillis) {

        static Totals of(JsonPath j) {
            return new Totals(
                    j.getLong("frames"),
                    j.getLong("blocks"),
                    j.getLong("tokensIn"),
                    j.getLong("tokensOut"),
                    j.getLong("vectorBytes"),
                    j.getLong("firstSeq"),
                    j.getLong("lastSeq"),
                    j.getLong("firstPtsMillis"),
                    j.getLong("lastPtsMillis"));
        }
    }

    /**
     * Polls both bridges until each answers 200 for every stream, with {@code expected}'s totals
     * (or, when null, with every frame held and the same totals from both); the totals.
     */
    private static Map<String, Totals> awaitTotals(
            AppProcess[] bridges,
            List<String> streams,
            Map<String, Totals> expected,
            long t0,
            String when)
            throws InterruptedException {
        Map<String, Integer> answers = new TreeMap<>();
        Map<String, String> last = new TreeMap<>();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Totals> agreed = new LinkedHashMap<>();
            boolean all = true;
            for (String stream : streams) {
                Totals seenByAll = null;
                for (int i = 0; i < bridges.length && all; i++) {
                    Totals t = totals(bridges[i], stream, answers, last);
                    if (t == null || (seenByAll != null && !seenByAll.equals(t))) {
                        all = false;
                    } else {
                        seenByAll = t;
                    }
                }
                if (!all) {
                    break;
                }
                agreed.put(stream, seenByAll);
            }
            if (all
                    && (expected == null
                            ? agreed.values().stream()
                                    .allMatch(t -> t.frames() == FRAMES_PER_STREAM)
                            : agreed.equals(expected))) {
                log(t0, "totals " + when + ": answers while polling " + answers);
                return agreed;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "the bridges did not answer the expected totals "
                        + when
                        + " within "
                        + SETTLE
                        + "; answers "
                        + answers
                        + "; last "
                        + last
                        + "; expected "
                        + expected);
    }

    /** One stream's totals from one bridge, or null when it does not answer 200. */
    private static Totals totals(
            AppProcess bridge,
            String stream,
            Map<String, Integer> answers,
            Map<String, String> last) {
        try {
            var r = bridge.get("/v1/streams/" + stream);
            answers.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
            last.put(bridge.baseUrl() + " " + stream, r.statusCode() + " " + r.body());
            return r.statusCode() == 200 ? Totals.of(JsonPath.from(r.body())) : null;
        } catch (IOException e) {
            answers.merge("no answer", 1, Integer::sum);
            last.put(bridge.baseUrl() + " " + stream, e.toString());
            return null;
        }
    }

    /** The streams a bridge holds itself ({@code scope=local}), or its answer if not 200. */
    private static String localStreams(AppProcess bridge) {
        try {
            var r = bridge.get("/v1/streams?scope=local");
            return r.statusCode() == 200
                    ? JsonPath.from(r.body()).getList("streamId").toString()
                    : r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private AppProcess launchCompressor(KafkaBroker broker, Path stateDir) throws IOException {
        Map<String, String> props = new LinkedHashMap<>(COMPRESSOR);
        props.put("kafka-streams.state.dir", stateDir.toString());
        AppProcess app = AppProcess.launch("compressor", broker.bootstrapServers(), props);
        started.add(app);
        return app;
    }

    /** A bridge on a fresh, empty state directory (AppProcess makes one per launch). */
    private AppProcess launchBridge(KafkaBroker broker) throws IOException {
        AppProcess app = AppProcess.launch("llm-bridge", broker.bootstrapServers(), BRIDGE);
        started.add(app);
        return app;
    }

    /**
     * Publishes frame n as seq n / 8 of stream n % 8, {@link #RATE} a second; before the frame at
     * kill point i (i > 0) it waits until the supervisor has finished cycle i - 1.
     */
    private static void publish(
            KafkaBroker broker,
            List<String> streams,
            List<byte[]> jpegs,
            List<Integer> killAt,
            AtomicInteger published,
            AtomicInteger cyclesDone) {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            long next = System.nanoTime();
            Instant start = Instant.now();
            for (int n = 0; n < FRAMES; n++) {
                int point = killAt.indexOf(n);
                while (point > 0 && cyclesDone.get() < point) {
                    Thread.sleep(20);
                    next = System.nanoTime();
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += 1_000_000_000L / RATE;
                String stream = streams.get(n % STREAMS);
                long seq = n / STREAMS;
                Frame frame =
                        new Frame(
                                stream,
                                seq,
                                seq * 100,
                                start.plusMillis(seq * 100),
                                WIDTH,
                                HEIGHT,
                                ImageEncoding.JPEG,
                                ByteBuffer.wrap(jpegs.get((int) ((seq + n % STREAMS) % VARIANTS))),
                                Map.of());
                producer.send(
                        new ProducerRecord<>(
                                Topics.FRAMES,
                                stream,
                                TOPICS.frames()
                                        .valueSerde()
                                        .serializer()
                                        .serialize(Topics.FRAMES, frame)));
                published.incrementAndGet();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ingest interrupted", e);
        }
    }

    /** A few small JPEGs with different content, made once and reused by every stream. */
    private static List<byte[]> jpegs() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int v = 0; v < VARIANTS; v++) {
            BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.getHSBColor(v / (float) VARIANTS, 0.7f, 0.9f));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.DARK_GRAY);
            g.fillRect((v * 7) % (WIDTH - 16), (v * 5) % (HEIGHT - 16), 16, 16);
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }

    private static boolean complete(List<TokenBlock> blocks, String stream) {
        return TokenChecks.fastCounts(blocks, stream).size() >= FRAMES_PER_STREAM;
    }

    /** Eight stream ids, two on each of the broker's partitions (the default partitioner). */
    private static List<String> streamsOnEveryPartition() {
        int partitions = KafkaBrokerExtension.PARTITIONS;
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < STREAMS; i++) {
            String id = "chaos-" + i;
            int p =
                    Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8)))
                            % partitions;
            List<String> ids = byPartition.computeIfAbsent(p, k -> new ArrayList<>());
            if (ids.size() < STREAMS / partitions) {
                ids.add(id);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).sorted().toList();
    }

    private static String first(List<?> items) {
        return items.size() <= 20 ? items.toString() : items.subList(0, 20) + "...";
    }

    private static void log(long t0, String what) {
        System.out.printf("[chaos] %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
    }
}
