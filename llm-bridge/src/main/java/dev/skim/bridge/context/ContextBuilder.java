package dev.skim.bridge.context;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.bridge.llm.Modality;
import dev.skim.bridge.memory.MemoryView;
import dev.skim.bridge.memory.TokenMemory;
import dev.skim.bridge.search.Query;
import dev.skim.bridge.search.SearchService;
import dev.skim.bridge.search.TagView;
import dev.skim.bridge.search.Vocabulary;
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
 *   <li><b>Detail</b> (up to half the budget): slow-tier frames, ranked by how well their keyframe
 *       tags (COCO objects, text read) match the question when any does (query recovery of slow
 *       detail, on tags: see {@link Vocabulary}), otherwise by novelty; each costs a timeline line
 *       plus its keyframe image (image backends) or its tokens (embedding backends).
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
    private final Vocabulary vocabulary;

    @jakarta.inject.Inject
    public ContextBuilder(MemoryView memory, Vocabulary vocabulary) {
        this.memory = memory;
        this.vocabulary = vocabulary;
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
        Query query = vocabulary.parse(question);
        String relevance = rank(streamId, slow, query);

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
                relevance,
                query,
                Extractive.of(query, slow.stream().map(c -> c.moment("tagged", c.link)).toList()));
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
            String keyframe = c.link;
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
            c.relevance = new Relevance(null, "coverage: evenly spaced in time");
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

    /**
     * Ranks slow candidates in place (by their tags' match to the question when any matches, then
     * by novelty); returns how, in words.
     */
    private String rank(String streamId, List<Candidate> slow, Query query) {
        Comparator<Candidate> byNovelty =
                Comparator.comparingDouble((Candidate c) -> -c.frame.getNovelty())
                        .thenComparingLong(c -> c.frame.getPtsMillis());
        if (slow.isEmpty()) {
            return "no slow-tier frames in range";
        }
        boolean any = false;
        for (Candidate c : slow) {
            Optional<Keyframe> k = memory.keyframe(streamId, c.frame.getSeq());
            c.link = k.isPresent() ? TokenMemory.keyframeLink(streamId, c.frame.getSeq()) : null;
            c.tags = k.map(kf -> TagView.of(kf.getTags())).orElse(List.of());
            Optional<Query.Hit> hit = k.flatMap(kf -> SearchService.hit(query, kf));
            c.hit = hit.map(Query.Hit::score).orElse(0f);
            any |= hit.isPresent();
            c.relevance = hit.map(h -> new Relevance(h.score(), h.basis())).orElse(null);
        }
        String why =
                query.matchesAnyClass()
                        ? "no tag of a slow frame in range matches the question"
                        : query.noMatchNote();
        for (Candidate c : slow) {
            if (c.relevance == null) {
                c.relevance =
                        new Relevance(
                                c.frame.getNovelty(),
                                any
                                        ? "novelty: no tag of this frame matches the question"
                                        : "novelty: " + why);
            }
        }
        if (!any) {
            slow.sort(byNovelty);
            return "slow detail ranked by novelty: " + why;
        }
        slow.sort(Comparator.comparingDouble((Candidate c) -> -c.hit).thenComparing(byNovelty));
        return "slow detail ranked by how well its tags match the question (sentence encoder "
                + vocabulary.encoderName()
                + "), then by novelty; best: "
                + slow.get(0).relevance.basis();
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
        Relevance relevance;
        float hit;
        String link;
        List<TagView> tags = List.of();

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
                    relevance,
                    tags);
        }
    }
}
