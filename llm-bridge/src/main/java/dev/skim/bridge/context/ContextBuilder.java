package dev.skim.bridge.context;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.bridge.llm.Modality;
import dev.skim.bridge.memory.MemoryView;
import dev.skim.bridge.memory.TokenMemory;
import dev.skim.core.compression.QueryRecovery;
import dev.skim.core.compression.VectorMath;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses what of a stream's memory goes into a prompt, within a token budget.
 *
 * <ol>
 *   <li><b>Detail</b> (up to half the budget): slow-tier frames, ranked by relevance to the
 *       question when a text encoder aligned with the vision encoder is configured, otherwise by
 *       novelty; each costs a timeline line plus its keyframe image (image backends) or its tokens
 *       (embedding backends).
 *   <li><b>Coverage</b> (the rest): fast-tier frames (FRAME-tier frames where the fast tier has
 *       expired) evenly spaced over the range, one timeline line each.
 * </ol>
 *
 * Everything is returned in time order. Budgets are in LLM tokens, estimated.
 */
@jakarta.inject.Singleton
public class ContextBuilder {
    /** Estimated LLM tokens of one timeline line. */
    public static final int LINE_TOKENS = 24;

    /** Estimated LLM tokens of the instructions around the timeline. */
    public static final int FRAME_TOKENS = 120;

    private static final int MAX_BLOCKS = 200_000;

    private final MemoryView memory;
    private final QueryEncoder queryEncoder;

    @jakarta.inject.Inject
    public ContextBuilder(MemoryView memory, QueryEncoder queryEncoder) {
        this.memory = memory;
        this.queryEncoder = queryEncoder;
    }

    /**
     * Builds the context.
     *
     * @param modality what the backend takes: images and embeddings cost differently
     * @param imageTokens LLM tokens one keyframe image costs
     * @param maxImages most detail images (image backends)
     */
    public AskContext build(
            String streamId,
            String question,
            long from,
            long to,
            int budget,
            Modality modality,
            int imageTokens,
            int maxImages) {
        List<Candidate> coverage = eachFrameOnce(streamId, from, to, Tier.FAST, Tier.FRAME);
        coverage.sort(Comparator.comparingLong(c -> c.frame.getPtsMillis()));
        List<Candidate> slow = new ArrayList<>();
        for (TokenBlock b : memory.blocks(Tier.SLOW, streamId, from, to, MAX_BLOCKS)) {
            slow.addAll(candidates(b, from, to));
        }
        int used = FRAME_TOKENS + question.length() / 4 + 1;
        String relevance = rank(slow, question);

        Chosen chosen = new Chosen();
        int detailBudget = Math.max(0, budget / 2 - used);
        used +=
                chooseDetail(
                        streamId, slow, detailBudget, modality, imageTokens, maxImages, chosen);
        used += chooseCoverage(coverage, Math.max(0, (budget - used) / LINE_TOKENS), chosen);
        chosen.moments.sort(
                Comparator.comparingLong(Moment::ptsMillis).thenComparingLong(Moment::seq));
        return new AskContext(
                streamId,
                question,
                from,
                to,
                budget,
                used,
                List.copyOf(chosen.moments),
                chosen.details,
                new int[] {coverage.size(), slow.size()},
                relevance);
    }

    /**
     * Detail: the best slow frames (in the order given) that fit the budget, each a timeline line
     * plus its keyframe image (at most {@code maxImages}) or its tokens; returns the tokens used.
     */
    private int chooseDetail(
            String streamId,
            List<Candidate> slow,
            int detailBudget,
            Modality modality,
            int imageTokens,
            int maxImages,
            Chosen chosen) {
        int detailUsed = 0;
        int images = 0;
        for (Candidate c : slow) {
            if (chosen.details.containsKey(c.frame.getSeq())) {
                continue;
            }
            String keyframe =
                    memory.keyframe(streamId, c.frame.getSeq()).isPresent()
                            ? TokenMemory.keyframeLink(streamId, c.frame.getSeq())
                            : null;
            boolean image = modality != Modality.EMBEDDINGS && keyframe != null;
            if (image && images >= maxImages) {
                continue;
            }
            int cost =
                    LINE_TOKENS
                            + (modality == Modality.EMBEDDINGS
                                    ? c.tokens
                                    : image ? imageTokens : 0);
            if (detailUsed + cost > detailBudget) {
                continue;
            }
            detailUsed += cost;
            images += image ? 1 : 0;
            chosen.details.put(
                    c.frame.getSeq(), new AskContext.Detail(c.block, c.frameIndex, c.tokens));
            chosen.moments.add(c.moment("detail", keyframe));
        }
        return detailUsed;
    }

    /**
     * Coverage: up to {@code lines} frames not chosen for detail, evenly spaced over the range, one
     * timeline line each; returns the tokens used.
     */
    private static int chooseCoverage(List<Candidate> coverage, int lines, Chosen chosen) {
        List<Candidate> spread = new ArrayList<>();
        for (Candidate c : coverage) {
            if (!chosen.details.containsKey(c.frame.getSeq())) {
                spread.add(c);
            }
        }
        List<Candidate> picked = evenlySpaced(spread, lines);
        for (Candidate c : picked) {
            chosen.moments.add(c.moment("coverage", null));
        }
        return picked.size() * LINE_TOKENS;
    }

    /**
     * The frames of the tiers' blocks in range, each seq once (from the first tier that has it).
     */
    private List<Candidate> eachFrameOnce(String streamId, long from, long to, Tier... tiers) {
        List<Candidate> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Tier tier : tiers) {
            for (TokenBlock b : memory.blocks(tier, streamId, from, to, MAX_BLOCKS)) {
                for (Candidate c : candidates(b, from, to)) {
                    if (seen.add(c.frame.getSeq())) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    /** Ranks slow candidates in place; returns how, in words. */
    private String rank(List<Candidate> slow, String question) {
        Comparator<Candidate> byNovelty =
                Comparator.comparingDouble((Candidate c) -> -c.frame.getNovelty())
                        .thenComparingLong(c -> c.frame.getPtsMillis());
        if (slow.isEmpty()) {
            return "no slow-tier frames in range";
        }
        String encoderId = slow.get(0).block.getEncoderId();
        Optional<float[]> query = queryEncoder.encode(question, encoderId);
        if (query.isEmpty()) {
            slow.sort(byNovelty);
            return queryEncoder.unavailableReason(encoderId);
        }
        for (Candidate c : slow) {
            c.relevance = relevance(c, query.get());
        }
        slow.sort(
                Comparator.comparingDouble((Candidate c) -> -c.relevance).thenComparing(byNovelty));
        return "slow detail ranked by cosine of the question (text encoder '"
                + queryEncoder.name()
                + "') to each frame's tokens";
    }

    private static float relevance(Candidate c, float[] query) {
        List<Token> tokens = new ArrayList<>();
        List<float[]> vectors = Vectors.decode(c.block);
        List<TokenRef> refs = c.block.getTokens();
        for (int i = 0; i < refs.size(); i++) {
            TokenRef r = refs.get(i);
            if (r.getFrameIndex() == c.frameIndex && vectors.get(i).length == query.length) {
                tokens.add(new Token(vectors.get(i), 0, r.getRow(), r.getCol(), r.getSpan()));
            }
        }
        if (tokens.isEmpty()) {
            return -1f;
        }
        int best = QueryRecovery.rank(tokens, query)[0];
        return VectorMath.cosine(tokens.get(best).vector(), query);
    }

    static <T> List<T> evenlySpaced(List<T> items, int n) {
        if (n <= 0 || items.isEmpty()) {
            return List.of();
        }
        if (n >= items.size()) {
            return items;
        }
        if (n == 1) {
            return List.of(items.get(items.size() / 2));
        }
        List<T> out = new ArrayList<>(n);
        int last = -1;
        for (int k = 0; k < n; k++) {
            int i = (int) Math.round(k * (items.size() - 1) / (double) (n - 1));
            if (i != last) {
                out.add(items.get(i));
                last = i;
            }
        }
        return out;
    }

    private static List<Candidate> candidates(TokenBlock b, long from, long to) {
        int[] counts = new int[b.getFrames().size()];
        for (TokenRef r : b.getTokens()) {
            if (r.getFrameIndex() >= 0 && r.getFrameIndex() < counts.length) {
                counts[r.getFrameIndex()]++;
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            FrameRef f = b.getFrames().get(i);
            if (f.getPtsMillis() >= from && f.getPtsMillis() <= to) {
                out.add(new Candidate(b, i, f, counts[i]));
            }
        }
        return out;
    }

    /** What is chosen so far: detail frames by seq, and the moments of the context. */
    private static final class Chosen {
        final Map<Long, AskContext.Detail> details = new LinkedHashMap<>();
        final List<Moment> moments = new ArrayList<>();
    }

    /** A frame that could go into the context. */
    private static final class Candidate {
        final TokenBlock block;
        final int frameIndex;
        final FrameRef frame;
        final int tokens;
        Float relevance;

        Candidate(TokenBlock block, int frameIndex, FrameRef frame, int tokens) {
            this.block = block;
            this.frameIndex = frameIndex;
            this.frame = frame;
            this.tokens = tokens;
        }

        Moment moment(String role, String keyframe) {
            return new Moment(
                    frame.getSeq(),
                    frame.getPtsMillis(),
                    Moment.label(frame.getPtsMillis()),
                    block.getTier().name(),
                    role,
                    frame.getNovelty(),
                    tokens,
                    keyframe,
                    relevance);
        }
    }
}
