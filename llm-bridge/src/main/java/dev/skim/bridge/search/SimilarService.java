package dev.skim.bridge.search;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.bridge.api.ProblemKind;
import dev.skim.bridge.context.Vectors;
import dev.skim.bridge.memory.MemoryView;
import dev.skim.bridge.memory.TokenMemory;
import dev.skim.core.encoder.ClassicalPatchEncoder;
import dev.skim.core.encoder.Encoders;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
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

    private final MemoryView memory;
    private final Map<String, FrameEncoder> encoders = new ConcurrentHashMap<>();

    SimilarService(MemoryView memory) {
        this.memory = memory;
    }

    /** Moments like the held moment {@code seq}, itself excluded. */
    public SimilarResponse bySeq(String streamId, long seq, int limit) {
        List<FrameVector> all = frames(streamId, null);
        FrameVector query = null;
        for (Tier tier : List.of(Tier.SLOW, Tier.FAST, Tier.FRAME)) {
            for (FrameVector f : all) {
                if (f.seq == seq && f.tier == tier) {
                    query = f;
                    break;
                }
            }
            if (query != null) {
                break;
            }
        }
        if (query == null) {
            throw ProblemKind.NOT_FOUND.exception(
                    "seq "
                            + seq
                            + " of stream '"
                            + streamId
                            + "' is not held in any tier (never sent, gated, or older than the"
                            + " retention)");
        }
        FrameVector q = query;
        List<FrameVector> same = all.stream().filter(f -> f.encoderId.equals(q.encoderId)).toList();
        return new SimilarResponse(
                streamId,
                "seq " + seq + " (" + q.tier + " tokens)",
                q.encoderId,
                nearest(streamId, same, q.mean, seq, limit));
    }

    /** Moments like an image, encoded by the stream's own encoder when the bridge can load it. */
    public SimilarResponse byImage(String streamId, byte[] jpeg, int limit) {
        String encoderId = encoderOf(streamId);
        FrameEncoder encoder = loadable(encoderId);
        RgbImage image = decode(jpeg);
        TokenGrid grid = encoder.encode(image);
        float[] mean = mean(grid.tokens());
        List<FrameVector> all = frames(streamId, encoderId);
        return new SimilarResponse(
                streamId,
                "image " + image.width() + "x" + image.height() + " (encoder " + encoderId + ")",
                encoderId,
                nearest(streamId, all, mean, Long.MIN_VALUE, limit));
    }

    private String encoderOf(String streamId) {
        for (Tier tier : Tier.values()) {
            List<TokenBlock> b = memory.blocks(tier, streamId, 0, Long.MAX_VALUE, 1);
            if (!b.isEmpty()) {
                return b.get(0).getEncoderId();
            }
        }
        throw ProblemKind.NOT_FOUND.exception("No tokens of stream '" + streamId + "' are held");
    }

    /** The encoder of that id, if the bridge ships it (loaded once). */
    private FrameEncoder loadable(String encoderId) {
        String classical = new ClassicalPatchEncoder().id();
        if (!encoderId.equals(Encoders.MOBILENET_V2_ID) && !encoderId.equals(classical)) {
            throw ProblemKind.UNPROCESSABLE_CONTENT.exception(
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

    private static RgbImage decode(byte[] jpeg) {
        BufferedImage img;
        try {
            img =
                    jpeg == null || jpeg.length == 0
                            ? null
                            : ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "the body is not a readable JPEG image ("
                            + (jpeg == null ? 0 : jpeg.length)
                            + " bytes)");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                rgb[i++] = (byte) (p >> 16);
                rgb[i++] = (byte) (p >> 8);
                rgb[i++] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private List<SimilarMoment> nearest(
            String streamId, List<FrameVector> frames, float[] query, long exclude, int limit) {
        float[] q = unit(query);
        Map<Long, SimilarMoment> best = new HashMap<>();
        for (FrameVector f : frames) {
            if (f.seq == exclude || f.mean.length != q.length) {
                continue;
            }
            float s = Query.round(dot(q, unit(f.mean)));
            SimilarMoment old = best.get(f.seq);
            if (old == null || s > old.score()) {
                best.put(f.seq, new SimilarMoment(streamId, f.seq, f.pts, f.tier.name(), s, null));
            }
        }
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

    /** Every frame of every tier (of one encoder, when given). */
    private List<FrameVector> frames(String streamId, String encoderId) {
        List<FrameVector> out = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            for (TokenBlock b : memory.blocks(tier, streamId, 0, Long.MAX_VALUE, MAX_BLOCKS)) {
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
                        out.add(
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
        return out;
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
