package dev.skim.bridge.search;

import dev.skim.avro.Tag;
import dev.skim.avro.TagKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A question or search query as the vocabulary understands it: its content words, the COCO classes
 * they match (with the word each came from), and how to score a frame's tags against it.
 */
public final class Query {
    private final String text;
    private final List<String> words;
    private final Map<String, Match> labels;
    private final Vocabulary vocabulary;

    /** A class matched by a word of the query. */
    record Match(String label, float similarity, String word) {}

    Query(String text, List<String> words, Map<String, Match> labels, Vocabulary vocabulary) {
        this.text = text;
        this.words = words;
        this.labels = labels;
        this.vocabulary = vocabulary;
    }

    /** The query as given. */
    public String text() {
        return text;
    }

    /** Its content words (lower case, without stop words). */
    public List<String> words() {
        return words;
    }

    /** The COCO classes it matches, best first. */
    public List<Matched> labels() {
        return labels.values().stream()
                .map(m -> new Matched("OBJECT", m.label(), round(m.similarity())))
                .toList();
    }

    /** Whether the query names anything the vocabulary could find (a class or a word). */
    public boolean matchesAnyClass() {
        return !labels.isEmpty();
    }

    /** The note for a query that matched nothing. */
    public String noMatchNote() {
        return "no tag matches '"
                + text
                + "' (the vocabulary is the 80 COCO object classes and text read in frames)";
    }

    /**
     * How well a frame's tags match: the best tag's match times its confidence, with what matched
     * and why; empty when no tag matches.
     */
    public Optional<Hit> score(List<Tag> tags) {
        float best = 0;
        Set<String> matched = new LinkedHashSet<>();
        Map<String, String> basis = new LinkedHashMap<>();
        List<Matched> texts = new ArrayList<>();
        for (Tag t : tags) {
            if (t.getKind() == TagKind.OBJECT) {
                Match m = labels.get(t.getLabel());
                if (m == null) {
                    continue;
                }
                best = Math.max(best, m.similarity() * t.getScore());
                matched.add(t.getLabel());
                basis.putIfAbsent(
                        "tag " + t.getLabel(),
                        String.format(
                                Locale.ROOT,
                                "tag %s (%.2f %s '%s')",
                                t.getLabel(),
                                m.similarity(),
                                m.similarity() >= 0.9995f ? "=" : "~",
                                m.word()));
            } else {
                Optional<Vocabulary.TextMatch> m = vocabulary.matchText(this, t.getLabel());
                if (m.isEmpty()) {
                    continue;
                }
                best = Math.max(best, m.get().similarity() * t.getScore());
                matched.add(t.getLabel());
                texts.add(new Matched("TEXT", t.getLabel(), round(m.get().similarity())));
                basis.putIfAbsent(
                        "text " + t.getLabel(),
                        String.format(
                                Locale.ROOT,
                                "text '%s' (%.2f %s '%s')",
                                t.getLabel(),
                                m.get().similarity(),
                                m.get().how(),
                                m.get().word()));
            }
        }
        if (matched.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Hit(
                        round(best),
                        List.copyOf(matched),
                        String.join("; ", basis.values()),
                        texts));
    }

    /**
     * A frame that matches.
     *
     * @param score the best tag's match times its confidence, 0..1
     * @param matched labels and texts of the matching tags
     * @param basis why, in words ("tag person (0.84 ~ 'people')")
     * @param texts the text tags that matched, with their similarity
     */
    public record Hit(float score, List<String> matched, String basis, List<Matched> texts) {}

    static float round(float v) {
        return Math.round(v * 1000f) / 1000f;
    }
}
