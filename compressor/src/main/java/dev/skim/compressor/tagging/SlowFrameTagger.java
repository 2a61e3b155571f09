package dev.skim.compressor.tagging;

import dev.skim.avro.Tag;
import dev.skim.avro.TagKind;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tagging.FrameTag;
import dev.skim.core.tagging.FrameTagger;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.jboss.logging.Logger;

/**
 * Stage 6 of the compressor (DESIGN.md section 4): runs the configured taggers (object detector,
 * OCR) on a slow frame's tag image and turns what they find into the keyframe's Avro tags, with the
 * encoder grid cells each box covers. A tagger that fails on a frame is logged and counted and the
 * keyframe goes out with the other taggers' tags: a tag is an extra, never a reason to lose a
 * window.
 */
public final class SlowFrameTagger {

    private static final Logger LOG = Logger.getLogger(SlowFrameTagger.class);

    private final TaggerPool pool;
    private final CompressorMetrics metrics;

    public SlowFrameTagger(TaggerPool pool, CompressorMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    /**
     * What the taggers found.
     *
     * @param tags all taggers' tags, in tagger order
     * @param taggers ids of the taggers that ran, comma-separated
     */
    public record Tagged(List<Tag> tags, String taggers) {
        public static final Tagged NONE = new Tagged(List.of(), "");
    }

    /**
     * Tags a frame.
     *
     * @param jpeg the frame at the tag image size
     * @param rows the encoder grid's rows, for the cells of each tag
     * @param cols its columns
     */
    public Tagged tag(String streamId, long seq, byte[] jpeg, int rows, int cols) {
        RgbImage image;
        try {
            image = decode(jpeg);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Stream %s seq %d: tag image unreadable (%s); no tags", streamId, seq, e);
            metrics.taggerFailed("decode");
            return Tagged.NONE;
        }
        List<FrameTagger> set;
        try {
            set = pool.borrow();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stream %s seq %d: taggers could not be loaded; no tags", streamId, seq);
            metrics.taggerFailed("load");
            return Tagged.NONE;
        }
        try {
            List<Tag> tags = new ArrayList<>();
            List<String> ran = new ArrayList<>();
            for (FrameTagger tagger : set) {
                long start = System.nanoTime();
                List<FrameTag> found;
                try {
                    found = tagger.tag(image);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Stream %s seq %d: tagger %s failed", streamId, seq, tagger.id());
                    metrics.taggerFailed(tagger.id());
                    continue;
                }
                metrics.tagged(tagger.id(), System.nanoTime() - start, found.size());
                ran.add(tagger.id());
                for (FrameTag t : found) {
                    tags.add(avro(t, rows, cols));
                }
            }
            return new Tagged(tags, String.join(",", ran));
        } finally {
            pool.giveBack(set);
        }
    }

    static Tag avro(FrameTag t, int rows, int cols) {
        FrameTag.Box b = t.box();
        return new Tag(
                t.kind() == FrameTag.Kind.OBJECT ? TagKind.OBJECT : TagKind.TEXT,
                t.label(),
                t.score(),
                b.x(),
                b.y(),
                b.w(),
                b.h(),
                IntStream.of(b.cells(rows, cols)).boxed().toList());
    }

    /** JPEG to RGB pixels. */
    static RgbImage decode(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (img == null) {
            throw new IOException("not an image ImageIO can read");
        }
        return RgbImage.fromImage(img);
    }
}
