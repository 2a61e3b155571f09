package dev.skim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.FrameRef;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenBlock;
import dev.skim.core.compression.DefaultChains;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.ingest.publish.PublishSummary;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.source.VideoFileSource;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import io.restassured.path.json.JsonPath;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path on a real broker: ingest publishes frames, the packaged compressor turns them into
 * token blocks, the packaged bridge serves them over HTTP.
 */
@ExtendWith(KafkaBrokerExtension.class)
class EndToEndIT {

    private static final Topics TOPICS = Topics.defaults();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /**
     * Every frame is in exactly one FAST block, kept or gated (SLOW blocks repeat some frames in
     * detail). Kept and gated frames of a block, sorted, are the block's frames in seq order.
     */
    private static final String FAST_FRAMES =
            "findAll { it.tier == 'FAST' }.collect { (it.frames + it.gated).sort { f -> f.seq } }"
                    + ".flatten()";

    private static final String FAST_SEQS = FAST_FRAMES + ".seq";

    private static final String FAST_PTS = FAST_FRAMES + ".ptsMillis";

    /** The compressor's defaults (MobileNetV2, 2 s windows), but a video's tail is flushed soon. */
    private static final Map<String, String> COMPRESSOR =
            Map.of("skim.compressor.window.idle-flush", "2s");

    private static AppProcess compressor;
    private static AppProcess bridge;

    @BeforeAll
    static void startApps(KafkaBroker broker) throws Exception {
        compressor = AppProcess.start("compressor", broker.bootstrapServers(), COMPRESSOR);
        bridge = AppProcess.start("llm-bridge", broker.bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stopApps() {
        if (bridge != null) {
            bridge.close();
        }
        if (compressor != null) {
            compressor.close();
        }
    }

    @Test
    void shouldCarryEveryFrameOfVtestAviToTheTokenStreamAndTheTimeline(KafkaBroker broker)
            throws Exception {
        Path video =
                Path.of(System.getProperty("skim.shared.dir", "../../shared"), "data", "vtest.avi");
        assumeTrue(
                Files.isRegularFile(video),
                "skipped: " + video + " is absent (../shared/data is only beside CI checkouts)");

        // 1. Publish every frame of the video.
        PublishSummary published;
        try (FramePublisher publisher =
                        FramePublisher.builder()
                                .bootstrapServers(broker.bootstrapServers())
                                .build();
                VideoFileSource source = VideoFileSource.open(video)) {
            published = publisher.publish("vtest", source, PublishOptions.defaults());
        }
        assertThat(published.framesPublished()).isEqualTo(795);

        // 2. What was published: seq -> ptsMillis, read back from skim.frames.
        Map<Long, Long> expected = new LinkedHashMap<>();
        for (Frame f :
                TopicReader.readUntil(
                        broker.clientProperties(),
                        Topics.FRAMES,
                        TOPICS.frames().valueSerde().deserializer(),
                        l -> l.stream().filter(f -> f.getStreamId().equals("vtest")).count() >= 795,
                        TIMEOUT)) {
            if (f.getStreamId().equals("vtest")) {
                expected.put(f.getSeq(), f.getPtsMillis());
            }
        }
        assertThat(expected.keySet()).hasSize(795).first().isEqualTo(0L);

        // 3. Every frame, in order, in exactly one FAST block (kept or gated) and once in the FRAME
        //    tier, and every window with its SLOW frame and keyframe.
        List<TokenBlock> blocks =
                TopicReader.readUntil(
                                broker.clientProperties(),
                                Topics.TOKENS,
                                TOPICS.tokens().valueSerde().deserializer(),
                                l ->
                                        framesOf(l, "vtest").size() >= 795
                                                && slowCoversAll(l, "vtest")
                                                && TokenChecks.frameCounts(l, "vtest").size()
                                                        >= 795,
                                TIMEOUT)
                        .stream()
                        .filter(b -> b.getStreamId().equals("vtest"))
                        .toList();
        List<FrameRef> frames = framesOf(blocks, "vtest");
        assertThat(frames)
                .extracting(FrameRef::getSeq)
                .containsExactlyElementsOf(expected.keySet());
        for (FrameRef f : frames) {
            assertThat(f.getPtsMillis())
                    .as("pts of seq %d", f.getSeq())
                    .isEqualTo(expected.get(f.getSeq()));
        }
        TokenChecks.assertEveryFrameOnceInTheFrameTier(blocks, "vtest", expected.keySet());
        assertThat(blocks)
                .allSatisfy(b -> assertThat(b.getTokensOut()).isLessThan(b.getTokensIn()));
        // the default FAST chain spends at most its budget a frame: a kept frame spends the
        // budget of the frames the gate dropped before it, so the bound holds over the stream
        List<TokenBlock> fast =
                blocks.stream().filter(b -> b.getTier() == dev.skim.avro.Tier.FAST).toList();
        long fastTokens = fast.stream().mapToLong(TokenBlock::getTokensOut).sum();
        long fastFrames =
                fast.stream().mapToLong(b -> b.getFrames().size() + b.getGated().size()).sum();
        assertThat(fastTokens)
                .isPositive()
                .isLessThanOrEqualTo(DefaultChains.FAST_BUDGET * fastFrames);
        List<Keyframe> keyframes =
                TopicReader.readUntil(
                        broker.clientProperties(),
                        Topics.KEYFRAMES,
                        TOPICS.keyframes().valueSerde().deserializer(),
                        l -> keyframesCoverSlowFrames(l, blocks),
                        TIMEOUT);
        TokenChecks.assertEveryWindowHasSlowFramesAndKeyframes(blocks, keyframes, "vtest");
        reportFigures(blocks, keyframes);

        // 4. The compressor's own figures, as Prometheus scrapes them.
        String metrics = given().baseUri(compressor.baseUrl()).get("/q/metrics").asString();
        assertThat(metrics)
                .contains("skim_compressor_frames_in_total")
                .contains("skim_compressor_bytes_per_frame_count{tier=\"FAST\"}")
                .contains("skim_compressor_encode_time_seconds_count")
                .contains("skim_compressor_compression_ratio");
        assertThat(metricValue(metrics, "skim_compressor_frames_in_total"))
                .isGreaterThanOrEqualTo(795.0);
        // the taggers at their defaults (detector and OCR on the slow frames of one window in 5)
        double encode = metricValue(metrics, "skim_compressor_encode_time_seconds_sum");
        double tag = metricValue(metrics, "skim_compressor_tag_time_seconds_sum");
        double tagged = metricValue(metrics, "skim_compressor_tag_time_seconds_count");
        System.out.printf(
                "tagging at the defaults: %d tagger calls, %.1f ms each; encoder %.1f s, taggers"
                        + " %.1f s: %.1f %% of encode + tag time%n",
                (long) tagged,
                1000 * tag / Math.max(1, tagged),
                encode,
                tag,
                100 * tag / (tag + encode));
        assertThat(tagged).isPositive();
        assertThat(keyframes.stream().filter(k -> !k.getTags().isEmpty()))
                .as("keyframes with tags (people in every window of vtest.avi)")
                .isNotEmpty()
                .allSatisfy(k -> assertThat(k.getTagger().toString()).contains("nanodet-coco80"));
        given().baseUri(compressor.baseUrl())
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("skim-compressor-streams"));

        // 5. And through the bridge's timeline endpoint.
        JsonPath timeline = awaitTimeline("vtest", 795);
        List<Long> seqs = timeline.getList(FAST_SEQS, Long.class);
        List<Long> pts = timeline.getList(FAST_PTS, Long.class);
        assertThat(seqs).containsExactlyElementsOf(expected.keySet());
        assertThat(pts).containsExactlyElementsOf(expected.values());
        given().baseUri(bridge.baseUrl())
                .get("/v1/streams/vtest")
                .then()
                .statusCode(200)
                .body("frames", org.hamcrest.Matchers.equalTo(795));
    }

    @Test
    void shouldRouteNonImagePayloadsToTheDeadLetterTopicAndProcessTheFramesAfterThem(
            KafkaBroker broker) throws Exception {
        SyntheticSpec spec = new SyntheticSpec(320, 180, 10, 40, 7, 2, 2);
        try (FramePublisher publisher =
                        FramePublisher.builder()
                                .bootstrapServers(broker.bootstrapServers())
                                .build();
                SyntheticVideoSource source = SyntheticVideoSource.of(spec)) {
            publisher.publish("poison", source, PublishOptions.defaults().withMaxFrames(20));
            try (var raw =
                    new KafkaProducer<>(
                            broker.clientProperties(),
                            new StringSerializer(),
                            new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(Topics.FRAMES, "poison", "not an image".getBytes()))
                        .get();
                Frame corrupt =
                        new Frame(
                                "poison",
                                1000L,
                                99_999L,
                                Instant.now(),
                                320,
                                180,
                                ImageEncoding.JPEG,
                                ByteBuffer.wrap(new byte[] {1, 2, 3}),
                                Map.of());
                raw.send(
                                new ProducerRecord<>(
                                        Topics.FRAMES,
                                        "poison",
                                        TOPICS.frames()
                                                .valueSerde()
                                                .serializer()
                                                .serialize(Topics.FRAMES, corrupt)))
                        .get();
            }
            publisher.publish("poison", source, PublishOptions.defaults());
            // A frame from the first second (pts 0) after the stream reached 3.9 s: its 2 s window
            // closed at stream time 3 s (grace 1 s), so it is late and must be dead-lettered.
            Frame late =
                    new Frame(
                            "poison",
                            1001L,
                            0L,
                            Instant.now(),
                            320,
                            180,
                            ImageEncoding.JPEG,
                            ByteBuffer.wrap(jpeg(320, 180)),
                            Map.of());
            try (var raw =
                    new KafkaProducer<>(
                            broker.clientProperties(),
                            new StringSerializer(),
                            new ByteArraySerializer())) {
                raw.send(
                                new ProducerRecord<>(
                                        Topics.FRAMES,
                                        "poison",
                                        TOPICS.frames()
                                                .valueSerde()
                                                .serializer()
                                                .serialize(Topics.FRAMES, late)))
                        .get();
            }
        }

        List<DeadLetter> dead =
                TopicReader.readUntil(
                        broker.clientProperties(),
                        Topics.DEAD_LETTERS,
                        TOPICS.deadLetters().valueSerde().deserializer(),
                        l -> l.size() >= 3,
                        TIMEOUT);
        assertThat(dead).allSatisfy(d -> assertThat(d.getStreamId()).isEqualTo("poison"));
        assertThat(dead)
                .extracting(DeadLetter::getStage)
                .containsExactlyInAnyOrder("deserialize", "decode", "window");
        assertThat(dead)
                .filteredOn(d -> d.getStage().equals("decode"))
                .first()
                .satisfies(d -> assertThat(d.getReason()).contains("JPEG"));
        assertThat(dead)
                .filteredOn(d -> d.getStage().equals("window"))
                .first()
                .satisfies(d -> assertThat(d.getReason()).contains("late frame: seq 1001"));
        assertThat(dead).allSatisfy(d -> assertThat(d.getReason()).isNotBlank());
        assertThat(dead)
                .filteredOn(d -> d.getStage().equals("deserialize"))
                .first()
                .satisfies(
                        d ->
                                assertThat(d.getPayload())
                                        .isEqualTo(ByteBuffer.wrap("not an image".getBytes())));

        JsonPath timeline = awaitTimeline("poison", 40);
        assertThat(timeline.getList(FAST_SEQS, Long.class))
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 40).boxed().toList());
    }

    /** The value of an unlabelled Prometheus sample. */
    private static double metricValue(String metrics, String name) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static byte[] jpeg(int w, int h) throws java.io.IOException {
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /**
     * The stream's frames as its FAST blocks list them: blocks in the order they were read, each
     * block's kept and gated frames in seq order.
     */
    private static List<FrameRef> framesOf(List<TokenBlock> blocks, String stream) {
        List<FrameRef> out = new java.util.ArrayList<>();
        for (TokenBlock b : TokenChecks.fast(blocks, stream)) {
            List<FrameRef> block = new java.util.ArrayList<>(b.getFrames());
            block.addAll(b.getGated());
            block.sort(java.util.Comparator.comparingLong(FrameRef::getSeq));
            out.addAll(block);
        }
        return out;
    }

    /** Whether every FAST block read so far has its SLOW block (emitted right after it). */
    private static boolean slowCoversAll(List<TokenBlock> blocks, String stream) {
        long fastLast =
                TokenChecks.fast(blocks, stream).stream()
                        .mapToLong(TokenBlock::getLastSeq)
                        .max()
                        .orElse(-1);
        long slowLast =
                blocks.stream()
                        .filter(b -> b.getStreamId().equals(stream))
                        .filter(b -> b.getTier() == dev.skim.avro.Tier.SLOW)
                        .mapToLong(TokenBlock::getLastSeq)
                        .max()
                        .orElse(-1);
        return slowLast >= fastLast;
    }

    private static boolean keyframesCoverSlowFrames(List<Keyframe> keys, List<TokenBlock> blocks) {
        java.util.Set<Long> have = new java.util.HashSet<>();
        keys.forEach(k -> have.add(k.getSeq()));
        return blocks.stream()
                .filter(b -> b.getTier() == dev.skim.avro.Tier.SLOW)
                .flatMap(b -> b.getFrames().stream())
                .allMatch(f -> have.contains(f.getSeq()));
    }

    /** Prints bytes per frame and the compression ratio (figures, not assertions). */
    private static void reportFigures(List<TokenBlock> blocks, List<Keyframe> keyframes) {
        var serializer = TOPICS.tokens().valueSerde().serializer();
        for (dev.skim.avro.Tier tier : dev.skim.avro.Tier.values()) {
            List<TokenBlock> tierBlocks = blocks.stream().filter(b -> b.getTier() == tier).toList();
            if (tierBlocks.isEmpty()) {
                continue;
            }
            long bytes = 0;
            long frames = 0;
            long in = 0;
            long out = 0;
            for (TokenBlock b : tierBlocks) {
                bytes += serializer.serialize(Topics.TOKENS, b).length;
                frames +=
                        b.getFrames().size()
                                + (tier == dev.skim.avro.Tier.FAST ? b.getGated().size() : 0);
                in += b.getTokensIn();
                out += b.getTokensOut();
            }
            System.out.printf(
                    "[figures] vtest %s: %d blocks, %d frames, %d bytes, %.0f bytes/frame, tokens %d -> %d (ratio %.1f)%n",
                    tier,
                    tierBlocks.size(),
                    frames,
                    bytes,
                    (double) bytes / frames,
                    in,
                    out,
                    (double) in / Math.max(1, out));
        }
        long keyBytes = keyframes.stream().mapToLong(k -> k.getJpeg().remaining()).sum();
        System.out.printf(
                "[figures] vtest keyframes: %d, %d JPEG bytes%n", keyframes.size(), keyBytes);
    }

    private static JsonPath awaitTimeline(String stream, int frames) {
        JsonPath[] last = new JsonPath[1];
        org.awaitility.Awaitility.await()
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            var r =
                                    given().baseUri(bridge.baseUrl())
                                            .queryParam("limit", 10_000)
                                            .get("/v1/streams/" + stream + "/timeline");
                            if (r.statusCode() != 200) {
                                return false;
                            }
                            last[0] = r.jsonPath();
                            return last[0].getList(FAST_SEQS).size() >= frames;
                        });
        return last[0];
    }
}
