package dev.skim.e2e;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.FrameRef;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.TokenBlock;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.SourceFrame;
import dev.skim.video.source.VideoFileSource;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzz benchmark, not a test (not matched by the failsafe includes): {@code ./mvnw -pl tests verify
 * -Dit.test=FrameFuzzBench} (the apps must be built; {@code -Dskim.fuzz.bad=N} for another number
 * of bad records than 10,000). On a real broker with the packaged compressor (MobileNetV2):
 *
 * <ol>
 *   <li>warm-up: the clip (vtest.avi) once;
 *   <li>clean: the clip again, alone: good-frame throughput;
 *   <li>fuzzed: the clip again with the bad records interleaved, about a dozen between two good
 *       frames: the same throughput, now with the bad records in the way;
 * </ol>
 *
 * and then it checks what the robustness contract says: every bad record in {@code skim.frames.dlq}
 * with a reason (or, for a bit-flipped JPEG that still decodes, in a FAST block of its own stream),
 * every good frame in exactly one FAST block, the process alive; it prints the compressor's RSS
 * through the run and the dead letters' reasons by kind. It throws (fails) when the contract does
 * not hold.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FrameFuzzBench {

    private static final Topics TOPICS = Topics.defaults();
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** One bad record: its kind, the key it goes under, and its value (null: a tombstone). */
    private record Bad(String kind, String key, byte[] value) {}

    @Test
    void fuzz(KafkaBroker broker) throws Exception {
        Path video =
                Path.of(System.getProperty("skim.shared.dir", "../../shared"), "data", "vtest.avi");
        if (!Files.isRegularFile(video)) {
            throw new IllegalStateException(video + " is absent: the bench needs ../shared/data");
        }
        List<byte[]> clip = jpegs(video);
        int badCount = Integer.getInteger("skim.fuzz.bad", 10_000);
        Map<Long, String> kindOfSeq = new HashMap<>();
        List<Bad> bad = badRecords(clip, badCount, new Random(14), kindOfSeq);

        try (AppProcess compressor =
                        AppProcess.start(
                                "compressor",
                                broker.bootstrapServers(),
                                Map.of("skim.compressor.window.idle-flush", "2s"),
                                "1g");
                var producer =
                        new KafkaProducer<>(
                                broker.clientProperties(),
                                new StringSerializer(),
                                new ByteArraySerializer())) {
            List<String> rss = new ArrayList<>();
            rss.add("start " + rssMb(compressor));
            publish(producer, "warm", clip, List.of());
            awaitFast(broker, "warm", clip.size());
            rss.add("after warm-up " + rssMb(compressor));

            long t0 = System.nanoTime();
            publish(producer, "clean", clip, List.of());
            awaitFast(broker, "clean", clip.size());
            double clean = clip.size() / ((System.nanoTime() - t0) / 1e9);
            rss.add("after clean " + rssMb(compressor));

            long t1 = System.nanoTime();
            Map<Long, Bad> badAt = publish(producer, "fuzzed", clip, bad);
            List<TokenBlock> blocks = awaitFast(broker, "fuzzed", clip.size());
            double fuzzed = clip.size() / ((System.nanoTime() - t1) / 1e9);
            rss.add("after fuzzed " + rssMb(compressor));

            // every bad record accounted for: a dead letter, or (still an image) a FAST block
            List<DeadLetter> dead = List.of();
            int decoded = 0;
            Map<String, Integer> decodedByKind = Map.of();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                dead =
                        TopicReader.readAll(
                                broker.clientProperties(),
                                Topics.DEAD_LETTERS,
                                TOPICS.deadLetters().valueSerde().deserializer(),
                                Duration.ofSeconds(5));
                decodedByKind = decodedBad(broker, kindOfSeq);
                decoded = decodedByKind.values().stream().mapToInt(Integer::intValue).sum();
                if (accounted(dead, badAt) + decoded >= badAt.size()) {
                    break;
                }
            }
            Map<String, Map<String, Integer>> reasons = new TreeMap<>();
            Map<String, Integer> byKind = new TreeMap<>();
            for (DeadLetter d : dead) {
                Bad b = badAt.get(d.getOffset());
                if (b == null || !d.getTopic().equals(Topics.FRAMES)) {
                    continue;
                }
                byKind.merge(b.kind(), 1, Integer::sum);
                reasons.computeIfAbsent(b.kind(), k -> new TreeMap<>())
                        .merge(d.getStage() + ": " + shortReason(d.getReason()), 1, Integer::sum);
                if (d.getReason() == null || d.getReason().isBlank()) {
                    throw new AssertionError("a dead letter without a reason: " + d);
                }
            }
            int accounted = byKind.values().stream().mapToInt(Integer::intValue).sum() + decoded;
            List<Long> goodSeqs = TokenChecks.fastSeqs(blocks, "fuzzed");
            boolean everyGoodOnce =
                    goodSeqs.equals(
                            java.util.stream.LongStream.range(0, clip.size()).boxed().toList());
            boolean alive = compressor.awaitExit(Duration.ZERO).isEmpty();

            System.out.println("== FrameFuzzBench ==");
            System.out.printf(
                    "good frames: %d (vtest.avi, 768x576 JPEG); bad records: %d%n",
                    clip.size(), badAt.size());
            System.out.printf("good-frame throughput alone:          %.1f frames/s%n", clean);
            System.out.printf(
                    "good-frame throughput with bad records: %.1f frames/s (%.2f of alone)%n",
                    fuzzed, fuzzed / clean);
            System.out.printf(
                    "bad records accounted for: %d of %d (%d dead letters, %d still images that"
                            + " decoded, in FAST blocks: %s)%n",
                    accounted, badAt.size(), accounted - decoded, decoded, decodedByKind);
            System.out.printf(
                    "good frames in exactly one FAST block: %s; compressor alive: %s%n",
                    everyGoodOnce, alive);
            System.out.println("compressor RSS (MiB): " + String.join(", ", rss));
            System.out.println("dead letters by kind (stage: reason x count):");
            reasons.forEach(
                    (kind, r) -> {
                        System.out.printf("  %-22s %d%n", kind, byKind.get(kind));
                        r.forEach((why, n) -> System.out.printf("      %5d x %s%n", n, why));
                    });
            if (!alive || !everyGoodOnce || accounted != badAt.size()) {
                throw new AssertionError(
                        "the robustness contract does not hold: alive="
                                + alive
                                + ", every good frame once="
                                + everyGoodOnce
                                + ", bad accounted "
                                + accounted
                                + "/"
                                + badAt.size());
            }
        }
    }

    private static int accounted(List<DeadLetter> dead, Map<Long, Bad> badAt) {
        return (int)
                dead.stream()
                        .filter(
                                d ->
                                        d.getTopic().equals(Topics.FRAMES)
                                                && badAt.containsKey(d.getOffset()))
                        .count();
    }

    /** Bad records that were still images (the FAST frames of their stream), by kind. */
    private static Map<String, Integer> decodedBad(
            KafkaBroker broker, Map<Long, String> kindOfSeq) {
        List<TokenBlock> blocks =
                TopicReader.readAll(
                        broker.clientProperties(),
                        Topics.TOKENS,
                        TOPICS.tokens().valueSerde().deserializer(),
                        Duration.ofSeconds(3));
        Map<String, Integer> out = new TreeMap<>();
        for (FrameRef f : TokenChecks.fastFrames(blocks, "fuzz-bad")) {
            out.merge(kindOfSeq.get(f.getSeq()), 1, Integer::sum);
        }
        return out;
    }

    private static String shortReason(String reason) {
        String r = reason.replaceAll("[0-9]+", "N");
        return r.length() > 110 ? r.substring(0, 110) + "..." : r;
    }

    private static long rssMb(AppProcess app) {
        return app.rssBytes() >> 20;
    }

    private static List<TokenBlock> awaitFast(KafkaBroker broker, String stream, int frames) {
        Predicate<List<TokenBlock>> done = l -> TokenChecks.fastSeqs(l, stream).size() >= frames;
        return TopicReader.readUntil(
                broker.clientProperties(),
                Topics.TOKENS,
                TOPICS.tokens().valueSerde().deserializer(),
                done,
                TIMEOUT);
    }

    /**
     * Publishes the clip as stream {@code stream}, with the bad records spread evenly between its
     * frames; the bad records by the offset they got.
     */
    private static Map<Long, Bad> publish(
            KafkaProducer<String, byte[]> producer, String stream, List<byte[]> clip, List<Bad> bad)
            throws Exception {
        Map<Long, Bad> at = new HashMap<>();
        int b = 0;
        for (int seq = 0; seq < clip.size(); seq++) {
            int until = (int) ((long) bad.size() * (seq + 1) / clip.size());
            for (; b < until; b++) {
                Bad r = bad.get(b);
                // one key, so one partition: the offset names the record
                at.put(
                        producer.send(new ProducerRecord<>(Topics.FRAMES, r.key(), r.value()))
                                .get()
                                .offset(),
                        r);
            }
            producer.send(
                    new ProducerRecord<>(
                            Topics.FRAMES, stream, frame(stream, seq, clip.get(seq), 768, 576)));
        }
        producer.flush();
        return at;
    }

    private static byte[] frame(String stream, long seq, byte[] data, int w, int h) {
        return frame(stream, seq, data, w, h, ImageEncoding.JPEG);
    }

    private static byte[] frame(
            String stream, long seq, byte[] data, int w, int h, ImageEncoding encoding) {
        Frame f =
                new Frame(
                        stream,
                        seq,
                        seq * 100,
                        Instant.now(),
                        w,
                        h,
                        encoding,
                        ByteBuffer.wrap(data),
                        Map.of());
        return TOPICS.frames().valueSerde().serializer().serialize(Topics.FRAMES, f);
    }

    private static List<byte[]> jpegs(Path video) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(video)) {
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageIO.write(f.get().image(), "jpg", bytes);
                out.add(bytes.toByteArray());
            }
        }
        return out;
    }

    /**
     * The bad records, every kind in turn. All of them go under one key ("fuzz-bad"), so they are
     * in one partition and their offsets name them; the ones that are still Frames say stream
     * "fuzz-bad" too (but for the key mismatch), with a seq of their own, so one that still decodes
     * lands in that stream's FAST blocks.
     */
    private static List<Bad> badRecords(
            List<byte[]> clip, int count, Random random, Map<Long, String> kindOfSeq) {
        String key = "fuzz-bad";
        byte[] good = clip.get(clip.size() / 2);
        List<Integer> markers = markerOffsets(good);
        List<Bad> out = new ArrayList<>();
        long[] seq = {0};
        for (int i = 0; out.size() < count; i++) {
            int kind = i % 16;
            byte[] jpeg = clip.get(random.nextInt(clip.size()));
            long before = seq[0];
            Bad b =
                    switch (kind) {
                        case 0 ->
                                new Bad(
                                        "random-bytes",
                                        key,
                                        randomBytes(random, 1 + random.nextInt(4096)));
                        case 1 -> new Bad("tombstone", key, null);
                        case 2 -> new Bad("empty-record", key, new byte[0]);
                        case 3 -> new Bad("wrong-avro-schema", key, wrongSchema(key));
                        case 4 ->
                                new Bad(
                                        "avro-truncated",
                                        key,
                                        truncate(frame(key, seq[0]++, jpeg, 768, 576), random));
                        case 5 ->
                                new Bad(
                                        "unknown-encoding",
                                        key,
                                        unknownEncoding(key, seq[0]++, jpeg));
                        case 6 ->
                                new Bad(
                                        "key-stream-mismatch",
                                        key,
                                        frame("someone-else", seq[0]++, jpeg, 768, 576));
                        case 7 ->
                                new Bad(
                                        "huge-declared-size",
                                        key,
                                        frame(key, seq[0]++, jpeg, 100_000, 100_000));
                        case 8 ->
                                new Bad(
                                        "lying-dimensions",
                                        key,
                                        frame(key, seq[0]++, jpeg, 640, 480));
                        case 9 -> {
                            int m = markers.get(random.nextInt(markers.size()));
                            int cut = Math.min(good.length - 1, m + random.nextInt(6));
                            yield new Bad(
                                    "jpeg-cut-at-marker",
                                    key,
                                    frame(
                                            key,
                                            seq[0]++,
                                            java.util.Arrays.copyOf(good, cut),
                                            768,
                                            576));
                        }
                        case 10 ->
                                new Bad(
                                        "jpeg-bit-flips",
                                        key,
                                        frame(
                                                key,
                                                seq[0]++,
                                                flip(jpeg, random, 1 + random.nextInt(32)),
                                                768,
                                                576));
                        case 11 ->
                                new Bad(
                                        "jpeg-cut-anywhere",
                                        key,
                                        frame(
                                                key,
                                                seq[0]++,
                                                java.util.Arrays.copyOf(
                                                        jpeg, random.nextInt(jpeg.length)),
                                                768,
                                                576));
                        case 12 ->
                                new Bad(
                                        "png-garbage",
                                        key,
                                        frame(
                                                key,
                                                seq[0]++,
                                                pngGarbage(random),
                                                768,
                                                576,
                                                ImageEncoding.PNG));
                        case 13 ->
                                new Bad(
                                        "raw-wrong-length",
                                        key,
                                        frame(
                                                key,
                                                seq[0]++,
                                                randomBytes(
                                                        random,
                                                        320 * 240 * 3
                                                                + (random.nextBoolean() ? 1 : -1)
                                                                        * (1
                                                                                + random.nextInt(
                                                                                        1000))),
                                                320,
                                                240,
                                                ImageEncoding.RAW_RGB));
                        case 14 ->
                                new Bad(
                                        "empty-image",
                                        key,
                                        frame(key, seq[0]++, new byte[0], 768, 576));
                        default ->
                                new Bad(
                                        "negative-size",
                                        key,
                                        frame(key, seq[0]++, jpeg, -768, 576));
                    };
            if (seq[0] > before) {
                kindOfSeq.put(before, b.kind());
            }
            out.add(b);
        }
        return out;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] truncate(byte[] record, Random random) {
        return java.util.Arrays.copyOf(record, 10 + random.nextInt(record.length - 10));
    }

    private static byte[] flip(byte[] jpeg, Random random, int flips) {
        byte[] b = jpeg.clone();
        for (int i = 0; i < flips; i++) {
            int p = 2 + random.nextInt(b.length - 2);
            b[p] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] pngGarbage(Random random) {
        byte[] b = randomBytes(random, 64 + random.nextInt(2048));
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(sig, 0, b, 0, sig.length);
        return b;
    }

    /** A DeadLetter record where a Frame belongs: the right framing, another schema. */
    private static byte[] wrongSchema(String key) {
        DeadLetter d =
                DeadLetter.newBuilder()
                        .setStreamId(key)
                        .setTopic("x")
                        .setPartition(0)
                        .setOffset(0)
                        .setStage("s")
                        .setReason("not a frame")
                        .setExceptionClass(null)
                        .setPayload(null)
                        .setPayloadRef(null)
                        .setFailedAt(Instant.EPOCH)
                        .build();
        return TOPICS.deadLetters().valueSerde().serializer().serialize(Topics.FRAMES, d);
    }

    /**
     * A Frame whose encoding enum index is one the schema does not have: the single-object header
     * of a real Frame, then the body written field by field (Frame.avsc's order).
     */
    private static byte[] unknownEncoding(String key, long seq, byte[] jpeg) {
        byte[] real = frame(key, seq, jpeg, 768, 576);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(real, 0, 10);
            BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
            e.writeString(key);
            e.writeLong(seq);
            e.writeLong(seq * 100);
            e.writeLong(Instant.now().toEpochMilli());
            e.writeInt(768);
            e.writeInt(576);
            e.writeEnum(7);
            e.writeBytes(jpeg);
            e.writeMapStart();
            e.setItemCount(0);
            e.writeMapEnd();
            e.flush();
            return out.toByteArray();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** Offsets just after every JPEG marker (SOI, APPn, DQT, SOF, DHT, SOS, EOI...). */
    private static List<Integer> markerOffsets(byte[] jpeg) {
        List<Integer> out = new ArrayList<>();
        int p = 2;
        out.add(2);
        while (p + 4 <= jpeg.length && (jpeg[p] & 0xFF) == 0xFF) {
            int m = jpeg[p + 1] & 0xFF;
            int len = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            out.add(p + 2);
            out.add(p + 4);
            if (m == 0xDA) {
                // and a few places inside the entropy-coded scan
                for (int k = 1; k <= 8; k++) {
                    out.add(p + (jpeg.length - p) * k / 9);
                }
                break;
            }
            p += len + 2;
        }
        out.add(jpeg.length - 2);
        return out;
    }
}
