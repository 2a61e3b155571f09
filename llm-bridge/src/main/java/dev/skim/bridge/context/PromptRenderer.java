package dev.skim.bridge.context;

import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenRef;
import dev.skim.bridge.llm.LlmRequest;
import dev.skim.bridge.llm.Modality;
import dev.skim.bridge.memory.MemoryView;
import dev.skim.bridge.memory.Vectors;
import dev.skim.bridge.search.TagView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a context as an {@link LlmRequest}: one timeline line per moment, in time order, each
 * labelled {@code [t=HH:MM:SS.mmm]}, with the detail moment's keyframe image or token embeddings
 * right after its line, then the question.
 */
public final class PromptRenderer {

    /** The system instruction: answer from the timeline and cite the moments. */
    public static final String SYSTEM =
            "You answer questions about a video using only the timeline below. Each moment is"
                    + " labelled with its presentation time as [t=HH:MM:SS.mmm]; some moments come"
                    + " with a keyframe image or visual tokens. Cite every moment you rely on by its"
                    + " label, for example [t=00:01:02.500]. If the timeline does not show the answer,"
                    + " say so.";

    private PromptRenderer() {}

    /** The request for a backend of the given modality. */
    public static LlmRequest render(
            AskContext ctx, Modality modality, MemoryView memory, int maxAnswerTokens) {
        List<LlmRequest.Part> parts = new ArrayList<>();
        parts.add(
                new LlmRequest.Text(
                        "Video stream '"
                                + ctx.streamId()
                                + "' from t="
                                + Moment.label(ctx.fromMillis())
                                + " to t="
                                + Moment.label(ctx.toMillis())
                                + "; "
                                + ctx.moments().size()
                                + " moments (novelty 0..1 = how much the frame changed against"
                                + " what came before; tags = objects (COCO classes) and text a"
                                + " detector and OCR found in the frame, with their confidence):"));
        for (Moment m : ctx.moments()) {
            parts.add(new LlmRequest.Text(line(m)));
            if (!m.role().equals("detail")) {
                continue;
            }
            if (modality == Modality.IMAGES && m.keyframe() != null) {
                Optional<Keyframe> k = memory.keyframe(ctx.streamId(), m.seq());
                k.ifPresent(
                        kf -> parts.add(new LlmRequest.Image(m.seq(), m.ptsMillis(), bytes(kf))));
            } else if (modality == Modality.EMBEDDINGS) {
                parts.add(embedding(m, ctx.details().get(m.seq())));
            }
        }
        parts.add(new LlmRequest.Text("Question: " + ctx.question()));
        return new LlmRequest(SYSTEM, parts, maxAnswerTokens);
    }

    /** One timeline line. */
    public static String line(Moment m) {
        return "[t="
                + m.time()
                + "] seq="
                + m.seq()
                + " "
                + m.tier()
                + " novelty="
                + String.format(java.util.Locale.ROOT, "%.2f", m.novelty())
                + " tokens="
                + m.tokens()
                + (m.role().equals("detail") ? " (detail)" : "")
                + tags(m.tags());
    }

    /** Most tags a prompt line names (its best ones), so a line stays near its token estimate. */
    static final int MAX_LINE_TAGS = 5;

    /** Longest text tag a prompt line quotes, in characters. */
    static final int MAX_TAG_TEXT = 32;

    /**
     * The moment's best tags in words: {@code ; tags: person 0.71, car 0.55, text 'EXIT' 0.90}; at
     * most {@link #MAX_LINE_TAGS}, text cut at {@link #MAX_TAG_TEXT} characters (about 20 tokens
     * more than the line's estimate at most).
     */
    private static String tags(List<TagView> all) {
        if (all == null || all.isEmpty()) {
            return "";
        }
        List<TagView> tags =
                all.stream()
                        .sorted(java.util.Comparator.comparingDouble((TagView t) -> -t.score()))
                        .limit(MAX_LINE_TAGS)
                        .toList();
        StringBuilder s = new StringBuilder("; tags: ");
        for (int i = 0; i < tags.size(); i++) {
            TagView t = tags.get(i);
            String text =
                    t.label().length() > MAX_TAG_TEXT
                            ? t.label().substring(0, MAX_TAG_TEXT) + "..."
                            : t.label();
            s.append(i == 0 ? "" : ", ")
                    .append(t.kind().equals("TEXT") ? "text '" + text + "'" : text)
                    .append(String.format(java.util.Locale.ROOT, " %.2f", t.score()));
        }
        return s.toString();
    }

    private static LlmRequest.Embedding embedding(Moment m, AskContext.Detail d) {
        List<float[]> all = Vectors.decode(d.block());
        List<TokenRef> refs = d.block().getTokens();
        int dim = d.block().getDim();
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).getFrameIndex() == d.frameIndex()) {
                rows.add(all.get(i));
            }
        }
        float[] values = new float[rows.size() * dim];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, values, r * dim, dim);
        }
        return new LlmRequest.Embedding(m.seq(), m.ptsMillis(), rows.size(), dim, values);
    }

    private static byte[] bytes(Keyframe k) {
        ByteBuffer b = k.getJpeg().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
