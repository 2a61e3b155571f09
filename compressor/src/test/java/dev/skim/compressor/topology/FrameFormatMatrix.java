package dev.skim.compressor.topology;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.FrameRef;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.processor.DecodeProcessor;
import dev.skim.compressor.processor.ImageDecoder;
import dev.skim.compressor.topology.FrameFormats.Subsampling;
import dev.skim.compressor.window.SlowPolicy;
import dev.skim.compressor.window.WindowSpec;
import dev.skim.compressor.window.Windowing;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.encoder.Encoders;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.TokenGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The frame-format matrix: every case is a {@code Frame} record put through the whole compressor
 * topology (the compressor's own decoder, the shipped MobileNetV2 encoder, the default chains) in a
 * TopologyTestDriver. Each case must end in tokens (a FAST block lists it, kept or gated) or in a
 * dead letter with a reason, never in a dead process.
 *
 * <p>Run as a child JVM by {@link FrameFormatMatrixTest}: {@code main(shard, shards, outFile)}
 * writes {@code START i name} before each case (so a process that dies names the case that killed
 * it) and {@code RESULT i name expected outcome detail} for every case at the end.
 */
public final class FrameFormatMatrix {

    /** What a case must end in. */
    enum Expect {
        TOKENS,
        DEAD_LETTER
    }

    /**
     * One frame.
     *
     * @param pipeline through the whole topology in the driver; otherwise through the compressor's
     *     {@link ImageDecoder} (as the decode stage builds it) and the encoder alone, because the
     *     driver commits after every record and the size sweeps are 12,000 frames
     */
    record Case(
            String name,
            ImageEncoding encoding,
            int width,
            int height,
            Supplier<byte[]> data,
            Expect expect,
            boolean pipeline) {

        Case(
                String name,
                ImageEncoding encoding,
                int width,
                int height,
                Supplier<byte[]> data,
                Expect expect) {
            this(name, encoding, width, height, data, expect, true);
        }

        Case direct() {
            return new Case(name, encoding, width, height, data, expect, false);
        }
    }

    /** The ingest's own limit for one frame record (producer max.request.size, 1 MiB). */
    static final int INGEST_MAX_RECORD_BYTES = 1 << 20;

    /** The compressor's default max-pixels. */
    static final long MAX_PIXELS = 16_777_216L;

    private FrameFormatMatrix() {}

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // every width and height 1-64
        for (int w = 1; w <= 64; w++) {
            for (int h = 1; h <= 64; h++) {
                cases.add(jpeg420("tiny", w, h).direct());
            }
        }
        // every width 688-752 and every height 464-592 (D1 and its neighbours, both DCT scales'
        // paths): each width at 6 heights and each height at 6 widths, odd ones among them; the
        // whole cross product (8,385 frames, 10 minutes on 2 busy cores) with
        // -Dskim.matrix.full=true
        boolean full = Boolean.getBoolean("skim.matrix.full");
        java.util.Set<Integer> someHeights = java.util.Set.of(464, 480, 481, 528, 576, 592);
        java.util.Set<Integer> someWidths = java.util.Set.of(688, 704, 719, 720, 736, 752);
        for (int w = 688; w <= 752; w++) {
            for (int h = 464; h <= 592; h++) {
                if (full || someHeights.contains(h) || someWidths.contains(w)) {
                    Case c = jpeg420("d1", w, h);
                    // one row of the sweep through the whole topology too
                    cases.add(h == 576 ? c : c.direct());
                }
            }
        }
        int[][] odd = {{3, 5}, {17, 13}, {223, 225}, {333, 257}, {719, 575}, {721, 577}};
        int[][] cameras = {
            {160, 120},
            {176, 144},
            {320, 240},
            {352, 240},
            {352, 288},
            {640, 360},
            {640, 480},
            {656, 492},
            {704, 480},
            {704, 576},
            {720, 480},
            {720, 528},
            {720, 576},
            {800, 600},
            {960, 540},
            {1024, 768},
            {1280, 720},
            {1280, 960},
            {1280, 1024},
            {1600, 1200},
            {1920, 1080},
            {2048, 1536},
            {2560, 1440},
            {2592, 1944},
            {2688, 1520},
            {3840, 2160}
        };
        for (int[] s : concat(odd, cameras)) {
            cases.add(jpeg420("camera", s[0], s[1]));
        }
        cases.add(jpeg420("aspect", 8192, 16));
        cases.add(jpeg420("aspect", 16, 8192));
        int[][] variantSizes = {{1, 1}, {15, 9}, {64, 48}, {720, 576}, {721, 481}, {1280, 720}};
        for (int[] s : variantSizes) {
            formatVariants(cases, s[0], s[1]);
        }
        limits(cases);
        return cases;
    }

    private static void formatVariants(List<Case> cases, int w, int h) {
        for (Subsampling s : Subsampling.values()) {
            cases.add(
                    jpeg("baseline-" + s, w, h, img -> FrameFormats.jpeg(img, s, false, 0, .85f)));
            cases.add(
                    jpeg(
                            "progressive-" + s,
                            w,
                            h,
                            img -> FrameFormats.jpeg(img, s, true, 0, .85f)));
            cases.add(jpeg("restart-" + s, w, h, img -> FrameFormats.jpeg(img, s, false, 1, .85f)));
        }
        cases.add(
                jpeg(
                        "restart-4",
                        w,
                        h,
                        img -> FrameFormats.jpeg(img, Subsampling.S420, false, 4, .85f)));
        cases.add(jpeg("grey", w, h, img -> FrameFormats.jpeg(FrameFormats.grey(img))));
        cases.add(
                jpeg(
                        "grey-progressive",
                        w,
                        h,
                        img ->
                                FrameFormats.jpeg(
                                        FrameFormats.grey(img), Subsampling.S444, true, 0, .85f)));
        cases.add(jpeg("cmyk", w, h, img -> FrameFormats.jpeg4(img, 0)));
        cases.add(jpeg("ycck", w, h, img -> FrameFormats.jpeg4(img, 2)));
        for (int orientation : new int[] {1, 3, 6, 8}) {
            cases.add(
                    jpeg(
                            "exif-orientation-" + orientation,
                            w,
                            h,
                            img ->
                                    FrameFormats.withExifOrientation(
                                            FrameFormats.jpeg(img), orientation)));
        }
        cases.add(
                jpeg(
                        "quality-5",
                        w,
                        h,
                        img -> FrameFormats.jpeg(img, Subsampling.S420, false, 0, .05f)));
        cases.add(
                jpeg(
                        "quality-100",
                        w,
                        h,
                        img -> FrameFormats.jpeg(img, Subsampling.S444, false, 0, 1f)));
        cases.add(png("png-rgb8", w, h, img -> FrameFormats.png(img, false)));
        cases.add(png("png-rgb16", w, h, img -> FrameFormats.png(FrameFormats.rgb16(img), false)));
        cases.add(png("png-grey8", w, h, img -> FrameFormats.png(FrameFormats.grey(img), false)));
        cases.add(
                png(
                        "png-grey16",
                        w,
                        h,
                        img ->
                                FrameFormats.png(
                                        FrameFormats.convert(img, BufferedImage.TYPE_USHORT_GRAY),
                                        false)));
        cases.add(
                png(
                        "png-alpha",
                        w,
                        h,
                        img ->
                                FrameFormats.png(
                                        FrameFormats.convert(img, BufferedImage.TYPE_4BYTE_ABGR),
                                        false)));
        cases.add(
                png(
                        "png-palette",
                        w,
                        h,
                        img -> FrameFormats.png(FrameFormats.palette(img), false)));
        cases.add(
                png(
                        "png-1bit",
                        w,
                        h,
                        img ->
                                FrameFormats.png(
                                        FrameFormats.convert(img, BufferedImage.TYPE_BYTE_BINARY),
                                        false)));
        cases.add(png("png-interlaced", w, h, img -> FrameFormats.png(img, true)));
        cases.add(
                png(
                        "png-interlaced-alpha16",
                        w,
                        h,
                        img -> FrameFormats.png(FrameFormats.rgb16(img), true)));
        cases.add(raw("raw-exact", w, h, 0, Expect.TOKENS));
        cases.add(raw("raw-short", w, h, -1, Expect.DEAD_LETTER));
        cases.add(raw("raw-long", w, h, +1, Expect.DEAD_LETTER));
        cases.add(raw("raw-empty", w, h, -w * h * 3, Expect.DEAD_LETTER));
    }

    /** The size limits: the compressor's max-pixels and the ingest's largest record. */
    private static void limits(List<Case> cases) {
        cases.add(jpeg420("max-pixels", 4096, 4096));
        cases.add(
                new Case(
                        "over-max-pixels",
                        ImageEncoding.JPEG,
                        4097,
                        4096,
                        () -> FrameFormats.jpeg(FrameFormats.scene(64, 64, 1)),
                        Expect.DEAD_LETTER));
        cases.add(
                new Case(
                        "jpeg-larger-than-declared",
                        ImageEncoding.JPEG,
                        64,
                        64,
                        () -> FrameFormats.jpeg(FrameFormats.scene(4096, 4097, 1)),
                        Expect.DEAD_LETTER));
        cases.add(
                new Case(
                        "png-larger-than-declared",
                        ImageEncoding.PNG,
                        64,
                        64,
                        () -> FrameFormats.png(FrameFormats.scene(640, 480, 1), false),
                        Expect.DEAD_LETTER));
        cases.add(
                new Case(
                        "zero-width",
                        ImageEncoding.JPEG,
                        0,
                        64,
                        () -> FrameFormats.jpeg(FrameFormats.scene(64, 64, 1)),
                        Expect.DEAD_LETTER));
        // a frame as large as ingest sends: a noisy 1080p JPEG at the quality that just fits
        cases.add(
                new Case(
                        "ingest-max-record",
                        ImageEncoding.JPEG,
                        1920,
                        1080,
                        () -> largestJpegUnder(1920, 1080, INGEST_MAX_RECORD_BYTES - 4096),
                        Expect.TOKENS));
        // RAW_RGB at the ingest record limit: 590x590x3 = 1,044,300 bytes
        cases.add(raw("raw-ingest-max-record", 590, 590, 0, Expect.TOKENS));
    }

    private static byte[] largestJpegUnder(int w, int h, int bytes) {
        BufferedImage img = FrameFormats.scene(w, h, 3);
        byte[] best = FrameFormats.jpeg(img, Subsampling.S420, false, 0, 0.05f);
        for (float q = 0.95f; q > 0.05f; q -= 0.1f) {
            byte[] jpeg = FrameFormats.jpeg(img, Subsampling.S420, false, 0, q);
            if (jpeg.length <= bytes) {
                return jpeg;
            }
        }
        return best;
    }

    private static Case jpeg420(String group, int w, int h) {
        return jpeg(group + "-baseline-S420", w, h, FrameFormats::jpeg);
    }

    private interface Encode {
        byte[] of(BufferedImage img);
    }

    private static Case jpeg(String name, int w, int h, Encode encode) {
        return new Case(
                name,
                ImageEncoding.JPEG,
                w,
                h,
                () -> encode.of(FrameFormats.scene(w, h, w * 31L + h)),
                Expect.TOKENS);
    }

    private static Case png(String name, int w, int h, Encode encode) {
        return new Case(
                name,
                ImageEncoding.PNG,
                w,
                h,
                () -> encode.of(FrameFormats.scene(w, h, w * 31L + h)),
                Expect.TOKENS);
    }

    private static Case raw(String name, int w, int h, int extraBytes, Expect expect) {
        return new Case(
                name,
                ImageEncoding.RAW_RGB,
                w,
                h,
                () -> {
                    byte[] rgb = FrameFormats.rawRgb(FrameFormats.scene(w, h, w * 31L + h));
                    byte[] out = new byte[rgb.length + extraBytes];
                    System.arraycopy(rgb, 0, out, 0, Math.min(rgb.length, out.length));
                    return out;
                },
                expect);
    }

    private static int[][] concat(int[][] a, int[][] b) {
        int[][] out = new int[a.length + b.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String label(Case c) {
        return c.name() + "-" + c.width() + "x" + c.height();
    }

    /** {@code shard shards outFile}: runs the cases whose index modulo shards is shard. */
    public static void main(String[] args) throws IOException {
        int shard = Integer.parseInt(args[0]);
        int shards = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        // -Dskim.matrix.only=REGEX runs only the cases whose label matches (for a quick look)
        String only = System.getProperty("skim.matrix.only");
        List<Case> all =
                only == null
                        ? cases()
                        : cases().stream().filter(c -> label(c).matches(only)).toList();
        CompressorTopology.Settings settings =
                CompressorTopology.Settings.defaults()
                        .withWindowing(
                                new Windowing(
                                        new WindowSpec.ByFrames(16, 0),
                                        Duration.ofSeconds(10),
                                        SlowPolicy.MOST_NOVEL,
                                        1,
                                        0.25f));
        Map<Long, Integer> caseOfSeq = new HashMap<>();
        Map<Long, Integer> caseOfOffset = new HashMap<>();
        Map<Integer, List<String>> outcomes = new HashMap<>();
        Path state = stateDir();
        try (PrintWriter log =
                        new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8));
                FrameEncoder encoder = Encoders.mobilenetV2();
                Harness harness =
                        new Harness(
                                encoder,
                                ChainSpec.parse("pool(4)"),
                                ChainSpec.parse("divprune(64)"),
                                settings,
                                state)) {
            ImageDecoder decoder =
                    new ImageDecoder(
                            settings.maxPixels(),
                            new ImageDecoder.MinSize(
                                    encoder.inputSide(), settings.keyframeMaxSide()));
            long offset = 0;
            for (int i = shard; i < all.size(); i += shards) {
                Case c = all.get(i);
                log.println("START " + i + " " + label(c));
                log.flush();
                Frame frame =
                        new Frame(
                                "matrix",
                                (long) i,
                                i * 100L,
                                Instant.EPOCH,
                                c.width(),
                                c.height(),
                                c.encoding(),
                                ByteBuffer.wrap(c.data().get()),
                                Map.of());
                if (!c.pipeline()) {
                    outcomes.put(i, List.of(decodeAndEncode(decoder, encoder, frame)));
                    continue;
                }
                caseOfSeq.put((long) i, i);
                caseOfOffset.put(offset++, i);
                harness.raw(
                        "matrix",
                        harness.topics.frames().valueSerde().serializer().serialize("f", frame));
                if (offset % 64 == 0) {
                    collect(harness, caseOfSeq, caseOfOffset, outcomes);
                }
            }
            decoder.close();
            harness.advanceWallClock(Duration.ofSeconds(11));
            collect(harness, caseOfSeq, caseOfOffset, outcomes);
            for (int i = shard; i < all.size(); i += shards) {
                Case c = all.get(i);
                List<String> o = outcomes.getOrDefault(i, List.of("NONE"));
                log.println(
                        "RESULT "
                                + i
                                + " "
                                + label(c)
                                + " "
                                + c.expect()
                                + " "
                                + String.join(" | ", o));
            }
            log.println("END");
        } finally {
            deleteTree(state);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The decode and encode stages' work on one frame, as they would end it. */
    private static String decodeAndEncode(ImageDecoder decoder, FrameEncoder encoder, Frame frame) {
        RgbImage image;
        try {
            image = decoder.decode(frame);
        } catch (ImageDecoder.InvalidImageException e) {
            return "DEAD_LETTER " + DecodeProcessor.STAGE_DECODE + ": " + e.getMessage();
        }
        TokenGrid grid = encoder.encode(image);
        return grid.tokens().size() == encoder.rows() * encoder.cols()
                ? "TOKENS"
                : "WRONG_GRID " + grid.rows() + "x" + grid.cols();
    }

    /**
     * The driver commits, and so fsyncs five checkpoint files, after every record: on a disk that
     * is a third of a second a frame, so the state goes to a RAM disk where there is one.
     */
    private static Path stateDir() throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "skim-matrix")
                : Files.createTempDirectory("skim-matrix");
    }

    private static void collect(
            Harness harness,
            Map<Long, Integer> caseOfSeq,
            Map<Long, Integer> caseOfOffset,
            Map<Integer, List<String>> outcomes) {
        for (TokenBlock b : harness.drainBlocks()) {
            if (b.getTier() != Tier.FAST) {
                continue;
            }
            for (FrameRef f : b.getFrames()) {
                outcomes.computeIfAbsent(caseOfSeq.get(f.getSeq()), k -> new ArrayList<>())
                        .add("TOKENS");
            }
            for (FrameRef f : b.getGated()) {
                outcomes.computeIfAbsent(caseOfSeq.get(f.getSeq()), k -> new ArrayList<>())
                        .add("TOKENS gated");
            }
        }
        for (DeadLetter d : harness.drainDeadLetters()) {
            outcomes.computeIfAbsent(caseOfOffset.get(d.getOffset()), k -> new ArrayList<>())
                    .add("DEAD_LETTER " + d.getStage() + ": " + d.getReason().replace('\n', ' '));
        }
    }
}
