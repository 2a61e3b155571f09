package dev.skim.bridge.search;

import dev.skim.avro.Keyframe;
import dev.skim.bridge.memory.MemoryView;
import dev.skim.bridge.memory.TokenMemory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the moments whose keyframe tags match a query, in the keyframes this instance holds (one
 * stream or several); the resource layer gathers other instances' answers.
 */
@ApplicationScoped
public class SearchService {
    private final MemoryView memory;
    private final Vocabulary vocabulary;

    SearchService(MemoryView memory, Vocabulary vocabulary) {
        this.memory = memory;
        this.vocabulary = vocabulary;
    }

    /** Parses a query. */
    public Query parse(String q) {
        return vocabulary.parse(q);
    }

    /** Every held keyframe of the stream in [from, to] whose tags match, with the texts matched. */
    public Found find(Query query, String streamId, long from, long to) {
        List<SearchMoment> out = new ArrayList<>();
        Map<String, Matched> texts = new LinkedHashMap<>();
        memory.keyframes(
                streamId,
                from,
                to,
                k -> {
                    hit(query, k)
                            .ifPresent(
                                    h -> {
                                        out.add(moment(k, h));
                                        h.texts().forEach(t -> texts.putIfAbsent(t.label(), t));
                                    });
                    return true;
                });
        return new Found(out, List.copyOf(texts.values()));
    }

    /** How one keyframe's tags match. */
    public static Optional<Query.Hit> hit(Query query, Keyframe k) {
        return k.getTags().isEmpty() ? Optional.empty() : query.score(k.getTags());
    }

    /**
     * Moments found in a stream, and the texts read in frames that matched.
     *
     * @param moments in seq order
     * @param texts texts that matched, as {@link Matched} of kind TEXT
     */
    public record Found(List<SearchMoment> moments, List<Matched> texts) {}

    /** The response: the best {@code limit} moments, what matched, and a note when nothing did. */
    public SearchResponse respond(
            Query query, Collection<SearchMoment> moments, List<Matched> texts, int limit) {
        List<SearchMoment> best =
                moments.stream()
                        .sorted(
                                Comparator.comparingDouble((SearchMoment m) -> -m.score())
                                        .thenComparing(SearchMoment::streamId)
                                        .thenComparingLong(SearchMoment::ptsMillis))
                        .limit(limit)
                        .toList();
        List<Matched> matched = new ArrayList<>(query.labels());
        texts.stream()
                .sorted(Comparator.comparingDouble((Matched m) -> -m.similarity()))
                .limit(10)
                .forEach(matched::add);
        String note = matched.isEmpty() ? query.noMatchNote() : null;
        return new SearchResponse(query.text(), matched, note, best);
    }

    private static SearchMoment moment(Keyframe k, Query.Hit h) {
        return new SearchMoment(
                k.getStreamId(),
                k.getSeq(),
                k.getPtsMillis(),
                h.score(),
                h.matched(),
                TagView.of(k.getTags()),
                TokenMemory.keyframeLink(k.getStreamId(), k.getSeq()));
    }
}
