package dev.skim.eval;

import dev.skim.core.compression.Fidelity;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import dev.skim.video.FrameSource;
import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import dev.skim.video.cli.CliException;
import dev.skim.video.cli.ExitCode;
import dev.skim.video.synthetic.GroundTruth;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the input once, inserts the needles, and encodes every frame in batches, timing the encoder
 * per frame: the {@link EncodedVideo} every method then works on.
 */
final class VideoReader {
    private static final Logger LOG = LoggerFactory.getLogger(VideoReader.class);
    static final int THUMBNAIL_WIDTH = 200;

    /**
     * @param maxFrames source frames to read at most (0 = all)
     * @param needles generated needles to insert (ignored when needleFiles is not empty)
     * @param needleFiles the user's needle images, one needle each; the spatial needles use them in
     *     turn
     * @param spatialPerKind spatial needles of each kind to paste into the video's frames
     * @param seed seed of needle pictures and positions
     * @param batch frames per encoder call
     */
    record Settings(
            int maxFrames,
            int needles,
            List<Path> needleFiles,
            int spatialPerKind,
            long seed,
            int batch) {
        Settings {
            needleFiles = List.copyOf(needleFiles);
        }
    }

    private final Settings settings;
    private final Progress.Factory progress;

    VideoReader(Settings settings, Progress.Factory progress) {
        this.settings = settings;
        this.progress = progress;
    }

    EncodedVideo read(VideoInput input, FrameEncoder encoder) {
        FrameSource source = input.source();
        long expected = source.expectedFrames().orElse(-1);
        int length =
                settings.maxFrames() > 0
                        ? (int)
                                (expected > 0
                                        ? Math.min(expected, settings.maxFrames())
                                        : settings.maxFrames())
                        : (int) expected;
        Needles needles = needles(length, source);
        Pastes pastes =
                new Pastes(
                        length > 0
                                ? SpatialNeedlePlan.plan(
                                        settings.spatialPerKind(), length, settings.seed())
                                : List.of(),
                        needles.given,
                        settings.seed(),
                        encoder);
        Batch batch = new Batch(encoder, settings.batch());
        warmUp(encoder);
        int sourceFrames = encodeAll(source, length, needles, pastes, batch);
        if (batch.size() == 0) {
            throw new CliException(
                    ExitCode.UNSUPPORTED_FORMAT,
                    "No frame could be read from " + source.description());
        }
        if (needles.next < needles.positions.length) {
            LOG.warn(
                    "The video ended after {} frames; {} of {} needles were inserted",
                    sourceFrames,
                    needles.next,
                    needles.positions.length);
        }
        int[] inserted = Arrays.copyOf(needles.positions, needles.next);
        List<Fidelity.Event> events =
                input.groundTruth()
                        .map(t -> events(t, inserted, sourceFrames, encoder))
                        .orElse(List.of());
        return new EncodedVideo(
                source.description(),
                encoder.id(),
                encoder.rows(),
                encoder.cols(),
                encoder.dim(),
                batch.frames,
                batch.thumbnails,
                needles.placed,
                pastes.placed(),
                events,
                input.groundTruth().isPresent(),
                source.unreadableFrames());
    }

    /** Where the needles go among {@code length} source frames, and their pictures if given. */
    private Needles needles(int length, FrameSource source) {
        List<NeedleImages.Named> pictures =
                settings.needleFiles().isEmpty() ? null : NeedleImages.read(settings.needleFiles());
        int wanted = pictures != null ? pictures.size() : settings.needles();
        int[] positions =
                length > 0 ? NeedlePlan.positions(wanted, length, settings.seed()) : new int[0];
        if (wanted > 0 && length <= 0) {
            LOG.warn(
                    "{} does not say how many frames it has; no needles inserted (set --max-frames)",
                    source.description());
        }
        return new Needles(positions, pictures, settings.seed());
    }

    /** Reads the source into the batch, needles inserted; returns the source frames read. */
    private int encodeAll(
            FrameSource source, int length, Needles needles, Pastes pastes, Batch batch) {
        int sourceFrames = 0;
        try (Progress bar =
                progress.open(
                        "encode", length > 0 ? length + needles.positions.length : -1, " frames")) {
            while (settings.maxFrames() <= 0 || sourceFrames < settings.maxFrames()) {
                Optional<SourceFrame> frame = source.next();
                if (frame.isEmpty()) {
                    break;
                }
                SourceFrame f = frame.get();
                needles.insertBefore(sourceFrames, f, batch, bar);
                batch.add(pastes.apply(sourceFrames, f.image(), batch.size()), f.ptsMillis(), -1);
                sourceFrames++;
                bar.step();
            }
            batch.flush();
        } catch (FrameSourceException e) {
            throw new CliException(
                    ExitCode.of(e.reason()),
                    "Reading " + source.description() + " failed: " + e.getMessage(),
                    e);
        }
        return sourceFrames;
    }

    /** One untimed call, so the first batch's time is not class loading and JIT. */
    private static void warmUp(FrameEncoder encoder) {
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
        encoder.encode(Images.rgb(grey));
    }

    private static List<Fidelity.Event> events(
            GroundTruth truth, int[] needles, int sourceFrames, FrameEncoder encoder) {
        return EventMapping.map(
                truth,
                s -> {
                    int before = 0;
                    for (int p : needles) {
                        if (p <= s) {
                            before++;
                        }
                    }
                    return s + before;
                },
                sourceFrames,
                encoder.rows(),
                encoder.cols());
    }

    /**
     * The needles of one read: their source-frame positions, their pictures (generated at the size
     * of the first frame they go before, unless given), and those inserted so far.
     */
    private static final class Needles {
        final int[] positions;
        private final long seed;
        private List<NeedleImages.Named> pictures;

        /** The user's pictures, or null. */
        final List<NeedleImages.Named> given;

        final List<NeedlePlacement> placed = new ArrayList<>();
        int next;

        Needles(int[] positions, List<NeedleImages.Named> pictures, long seed) {
            this.positions = positions;
            this.pictures = pictures;
            this.given = pictures;
            this.seed = seed;
        }

        /** Adds the needles that go before source frame {@code sourceFrame} to the batch. */
        void insertBefore(int sourceFrame, SourceFrame f, Batch batch, Progress bar) {
            int w = f.image().getWidth();
            int h = f.image().getHeight();
            while (next < positions.length && positions[next] == sourceFrame) {
                if (pictures == null) {
                    pictures = NeedleImages.generate(positions.length, seed, w, h);
                }
                NeedleImages.Named n = pictures.get(next);
                BufferedImage img = Images.resized(n.image(), w, h);
                placed.add(new NeedlePlacement(next, n.name(), batch.size(), f.ptsMillis()));
                batch.add(img, f.ptsMillis(), next);
                bar.step();
                next++;
            }
        }
    }

    /**
     * The spatial needles of one read: each planned needle's picture (the user's images in turn, or
     * a generated one), pasted into the source frames that show it, and the stream frames it went
     * into.
     */
    private static final class Pastes {
        private final List<SpatialNeedlePlan.Planned> plan;
        private final List<NeedleImages.Named> files;
        private final long seed;
        private final int rows;
        private final int cols;
        private final Placed[] placed;

        /** Where a needle went: its picture, rectangle, cells and stream frames. */
        private record Placed(
                NeedleImages.Named picture,
                SpatialNeedlePlan.Rect rect,
                List<Integer> cells,
                List<Integer> frames) {}

        Pastes(
                List<SpatialNeedlePlan.Planned> plan,
                List<NeedleImages.Named> files,
                long seed,
                FrameEncoder encoder) {
            this.plan = plan;
            this.files = files;
            this.seed = seed;
            this.rows = encoder.rows();
            this.cols = encoder.cols();
            this.placed = new Placed[plan.size()];
        }

        /** The image of source frame {@code sourceFrame} (stream frame {@code stream}). */
        BufferedImage apply(int sourceFrame, BufferedImage image, int stream) {
            BufferedImage out = image;
            for (SpatialNeedlePlan.Planned p : plan) {
                if (!p.shows(sourceFrame)) {
                    continue;
                }
                Placed at = placed[p.id()];
                if (at == null) {
                    int w = image.getWidth();
                    int h = image.getHeight();
                    SpatialNeedlePlan.Rect r = p.rect(w, h);
                    NeedleImages.Named picture =
                            files == null
                                    ? NeedleImages.generatedSpatial(
                                            p.id(), seed, r.width(), r.height())
                                    : files.get(p.id() % files.size());
                    at = new Placed(picture, r, r.cells(w, h, rows, cols), new ArrayList<>());
                    placed[p.id()] = at;
                }
                out = SpatialNeedlePlan.paste(out, at.picture().image(), at.rect());
                at.frames().add(stream);
            }
            return out;
        }

        /** The needles pasted so far. */
        List<SpatialNeedle> placed() {
            List<SpatialNeedle> out = new ArrayList<>();
            for (SpatialNeedlePlan.Planned p : plan) {
                Placed at = placed[p.id()];
                if (at != null) {
                    SpatialNeedlePlan.Rect r = at.rect();
                    out.add(
                            new SpatialNeedle(
                                    p.id(),
                                    at.picture().name(),
                                    p.area(),
                                    p.length(),
                                    r.x(),
                                    r.y(),
                                    r.width(),
                                    r.height(),
                                    at.frames(),
                                    at.cells()));
                }
            }
            return out;
        }
    }

    /** Frames waiting for the encoder, and the encoded stream so far. */
    private static final class Batch {
        private final FrameEncoder encoder;
        private final int max;
        private final List<RgbImage> images = new ArrayList<>();
        private final List<long[]> meta = new ArrayList<>();
        final List<EncodedFrame> frames = new ArrayList<>();
        final List<BufferedImage> thumbnails = new ArrayList<>();

        Batch(FrameEncoder encoder, int max) {
            this.encoder = encoder;
            this.max = Math.max(1, max);
        }

        /** Frames added so far (the stream index of the next one). */
        int size() {
            return thumbnails.size();
        }

        void add(BufferedImage image, long pts, int needle) {
            images.add(Images.rgb(image));
            meta.add(new long[] {pts, needle});
            thumbnails.add(Images.thumbnail(image, THUMBNAIL_WIDTH));
            if (images.size() >= max) {
                flush();
            }
        }

        void flush() {
            if (images.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            List<TokenGrid> grids = encoder.encodeBatch(images);
            long each = (System.nanoTime() - start) / images.size();
            for (int i = 0; i < grids.size(); i++) {
                int index = frames.size();
                TokenGrid g = grids.get(i);
                List<Token> tokens = new ArrayList<>(g.tokens().size());
                for (Token t : g.tokens()) {
                    tokens.add(new Token(t.vector(), index, t.row(), t.col(), t.span()));
                }
                frames.add(
                        new EncodedFrame(
                                index,
                                meta.get(i)[0],
                                tokens,
                                g.pooled(),
                                g.attention(),
                                (int) meta.get(i)[1],
                                each));
            }
            images.clear();
            meta.clear();
        }
    }
}
