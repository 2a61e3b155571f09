package dev.skim.bridge.search;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.bridge.config.BridgeConfig;
import dev.skim.bridge.memory.MemoryView;
import dev.skim.bridge.memory.TokenMemory;
import dev.skim.bridge.memory.Vectors;
import dev.skim.core.encoder.ClassicalPatchEncoder;
import dev.skim.core.encoder.Encoders;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jboss.logging.Logger;

/**
 * Search by example: the moments whose tokens are most like a held moment's or an image's. Each
 * frame of each tier is summarised by the span-weighted mean of its tokens (the FRAME tier's one
 * token already is that mean), and frames are ranked by cosine to the example's mean; a frame held
 * in several tiers counts once, with its best tier.
 */
@ApplicationScoped
public class SimilarService {
    private static final Logger LOG = Logger.getLogger(SimilarService.class);
    private static final int MAX_BLOCKS = 200_000;

    /** Largest image accepted for search by image, in pixels (the compressor's default too). */
    static final long MAX_PIXELS = 4096L * 4096L;

    private final MemoryView memory;
    private final long rangeMillis;
    private final Map<String, FrameEncoder> encoders = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    SimilarService(MemoryView memory, BridgeConfig config) {
        this(memory, config.search().similarRange().toMillis());
    }

    /**
     * @param rangeMillis how far back from the stream's latest frame moments are compared
     */
    SimilarService(MemoryView memory, long rangeMillis) {
        this.memory = memory;
        this.rangeMillis = rangeMillis;
    }

    /** Moments like the held moment {@code seq}, itself excluded. */
    public SimilarResponse bySeq(String streamId, long seq, int limit) {
        long from = from(streamId);
        Map<Tier, FrameVector> held = new HashMap<>();
        forEachFrame(
                streamId,
                null,
                from,
                f -> {
                    if (f.seq == seq) {
                        held.putIfAbsent(f.tier, f);
                    }
                });
        FrameVector query = null;
        for (Tier tier : List.of(Tier.SLOW, Tier.FAST, Tier.FRAME)) {
            query = query != null ? query : held.get(tier);
        }
        if (query == null) {
            throw new SimilarException(
                    SimilarException.Kind.NOT_FOUND,
                    "seq "
                            + seq
                            + " of stream '"
                            + streamId
                            + "' is not held in any tier of the last "
                            + rangeMillis / 1000
                            + " s of the stream (never sent, gated, older than that, or older than"
                            + " the retention; skim.bridge.search.similar-range)");
        }
        FrameVector q = query;
        return new SimilarResponse(
                streamId,
                "seq " + seq + " (" + q.tier + " tokens)",
                q.encoderId,
                nearest(streamId, q.encoderId, from, q.mean, seq, limit));
    }

    /** Start of the range compared: the stream's latest time less the similar range. */
    private long from(String streamId) {
        long last =
                memory.lastPtsMillis(streamId)
                        .orElseThrow(
                                () ->
                                        new SimilarException(
                                                SimilarException.Kind.NOT_FOUND,
                                                "No tokens of stream '" + streamId + "' are held"));
        return Math.max(0, last - rangeMillis);
    }

    /** Moments like an image, encoded by the stream's own encoder when the bridge can load it. */
    public SimilarResponse byImage(String streamId, byte[] jpeg, int limit) {
        String encoderId = encoderOf(streamId);
        FrameEncoder encoder = loadable(encoderId);
        RgbImage image = decode(jpeg);
        TokenGrid grid;
        try {
            grid = encoder.encode(image);
        } catch (RuntimeException e) {
            LOG.warnf(e, "encoder %s failed on a search image", encoderId);
            throw new SimilarException(
                    SimilarException.Kind.UNAVAILABLE,
                    "encoder '" + encoderId + "' failed on the image: " + e.getMessage());
        }
        float[] mean = mean(grid.tokens());
        return new SimilarResponse(
                streamId,
                "image " + image.width() + "x" + image.height() + " (encoder " + encoderId + ")",
                encoderId,
                nearest(streamId, encoderId, from(streamId), mean, Long.MIN_VALUE, limit));
    }

    private String encoderOf(String streamId) {
        for (Tier tier : Tier.values()) {
            List<TokenBlock> b = memory.blocks(tier, streamId, 0, Long.MAX_VALUE, 1);
            if (!b.isEmpty()) {
                return b.get(0).getEncoderId();
            }
        }
        throw new SimilarException(
                SimilarException.Kind.NOT_FOUND, "No tokens of stream '" + streamId + "' are held");
    }

    /** The encoder of that id, if the bridge ships it (loaded once). */
    private FrameEncoder loadable(String encoderId) {
        String classical = new ClassicalPatchEncoder().id();
        if (!encoderId.equals(Encoders.MOBILENET_V2_ID) && !encoderId.equals(classical)) {
            throw new SimilarException(
                    SimilarException.Kind.UNPROCESSABLE,
                    "this stream's tokens come from encoder '"
                            + encoderId
                            + "', which the bridge cannot load (it can load '"
                            + Encoders.MOBILENET_V2_ID
                            + "' and '"
                            + classical
                            + "'), so an image cannot be compared with them; search by the seq"
                            + " of a held moment instead");
        }
        return encoders.computeIfAbsent(
                encoderId,
                id -> {
                    LOG.infof("loading encoder %s for search by image", id);
                    return id.equals(classical)
                            ? new ClassicalPatchEncoder()
                            : Encoders.mobilenetV2();
                });
    }

    void close(@Observes ShutdownEvent e) {
        encoders.values().forEach(FrameEncoder::close);
    }

    /** The image's pixels; its size is read first, so a huge declared size is refused cheaply. */
    static RgbImage decode(byte[] jpeg) {
        String size = (jpeg == null ? 0 : jpeg.length) + " bytes";
        if (jpeg == null || jpeg.length == 0) {
            throw new SimilarException(
                    SimilarException.Kind.BAD_REQUEST, "the body is empty: send a JPEG image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new SimilarException(
                        SimilarException.Kind.BAD_REQUEST,
                        "the body is not a readable JPEG image (" + size + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new SimilarException(
                            SimilarException.Kind.TOO_LARGE,
                            "the image is "
                                    + reader.getWidth(0)
                                    + "x"
                                    + reader.getHeight(0)
                                    + " pixels, more than the "
                                    + MAX_PIXELS
                                    + " accepted; send a smaller image");
                }
                return RgbImage.fromImage(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SimilarException p) {
                throw p;
            }
            throw new SimilarException(
                    SimilarException.Kind.BAD_REQUEST,
                    "the body is not a readable JPEG image (" + size + "): " + e.getMessage());
        }
    }

    /**
     * The moments nearest to {@code query} among the frames of the stream's tiers from {@code from}
     * on (of one encoder), one per seq with its best tier, scored as the blocks are read.
     */
    private List<SimilarMoment> nearest(
            String streamId, String encoderId, long from, float[] query, long exclude, int limit) {
        float[] q = unit(query);
        Map<Long, SimilarMoment> best = new HashMap<>();
        forEachFrame(
                streamId,
                encoderId,
                from,
                f -> {
                    if (f.seq == exclude || f.mean.length != q.length) {
                        return;
                    }
                    float s = Query.round(dot(q, unit(f.mean)));
                    SimilarMoment old = best.get(f.seq);
                    if (old == null || s > old.score()) {
                        best.put(
                                f.seq,
                                new SimilarMoment(streamId, f.seq, f.pts, f.tier.name(), s, null));
                    }
                });
        return best.values().stream()
                .sorted(
                        Comparator.comparingDouble((SimilarMoment m) -> -m.score())
                                .thenComparingLong(SimilarMoment::ptsMillis))
                .limit(limit)
                .map(
                        m ->
                                new SimilarMoment(
                                        m.streamId(),
                                        m.seq(),
                                        m.ptsMillis(),
                                        m.tier(),
                                        m.score(),
                                        memory.keyframe(streamId, m.seq()).isPresent()
                                                ? TokenMemory.keyframeLink(streamId, m.seq())
                                                : null))
                .toList();
    }

    /** One frame of one tier: its seq, time and mean token. */
    private record FrameVector(long seq, long pts, Tier tier, String encoderId, float[] mean) {}

    /**
     * Visits every frame of every tier (of one encoder, when given) from {@code from} on, a tier's
     * blocks at a time, so that only one tier's blocks of the range are in memory at once.
     */
    private void forEachFrame(
            String streamId, String encoderId, long from, Consumer<FrameVector> visit) {
        for (Tier tier : Tier.values()) {
            for (TokenBlock b : memory.blocks(tier, streamId, from, Long.MAX_VALUE, MAX_BLOCKS)) {
                if (encoderId != null && !encoderId.equals(b.getEncoderId())) {
                    continue;
                }
                List<float[]> vectors = Vectors.decode(b);
                int n = b.getFrames().size();
                float[][] sums = new float[n][];
                List<TokenRef> refs = b.getTokens();
                for (int i = 0; i < refs.size(); i++) {
                    int f = refs.get(i).getFrameIndex();
                    if (f < 0 || f >= n) {
                        continue;
                    }
                    if (sums[f] == null) {
                        sums[f] = new float[b.getDim()];
                    }
                    float w = Math.max(1, refs.get(i).getSpan());
                    float[] v = vectors.get(i);
                    for (int d = 0; d < v.length; d++) {
                        sums[f][d] += w * v[d];
                    }
                }
                for (int f = 0; f < n; f++) {
                    if (sums[f] != null) {
                        FrameRef r = b.getFrames().get(f);
                        visit.accept(
                                new FrameVector(
                                        r.getSeq(),
                                        r.getPtsMillis(),
                                        tier,
                                        b.getEncoderId(),
                                        sums[f]));
                    }
                }
            }
        }
    }

    private static float[] mean(List<Token> tokens) {
        float[] m = new float[tokens.get(0).dim()];
        for (Token t : tokens) {
            float[] v = t.vector();
            for (int d = 0; d < m.length; d++) {
                m[d] += v[d] * Math.max(1, t.span());
            }
        }
        return m;
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float n = (float) Math.sqrt(s);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = n == 0f ? 0f : v[i] / n;
        }
        return out;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
