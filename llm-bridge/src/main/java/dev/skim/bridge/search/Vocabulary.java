package dev.skim.bridge.search;

import dev.skim.bridge.config.BridgeConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * What words can find: the 80 COCO classes (embedded once, at start-up, as "a photo of a {class}")
 * and text read in frames. A query's content words (and pairs of adjacent ones, for "cell phone")
 * match a class when they are its name (or its plural), or when the cosine of "a photo of a {word}"
 * to the class's vector reaches the label threshold; they match text when a word of it is the same
 * (or one typo away), or when the cosine of the word to the whole text reaches the text threshold.
 */
@Singleton
public class Vocabulary {
    private static final Logger LOG = Logger.getLogger(Vocabulary.class);

    /** Prompt around a class name and a query word (measured better than the bare word). */
    static final String PROMPT = "a photo of a %s";

    /** Content words of one query that are matched (longer questions are cut). */
    static final int MAX_WORDS = 16;

    private static final Set<String> STOP =
            Set.of(
                    "a",
                    "an",
                    "the",
                    "and",
                    "or",
                    "but",
                    "not",
                    "no",
                    "of",
                    "to",
                    "in",
                    "on",
                    "at",
                    "by",
                    "for",
                    "from",
                    "with",
                    "into",
                    "onto",
                    "over",
                    "under",
                    "up",
                    "down",
                    "out",
                    "off",
                    "about",
                    "after",
                    "before",
                    "during",
                    "between",
                    "while",
                    "is",
                    "are",
                    "was",
                    "were",
                    "be",
                    "been",
                    "being",
                    "am",
                    "do",
                    "does",
                    "did",
                    "done",
                    "have",
                    "has",
                    "had",
                    "can",
                    "could",
                    "will",
                    "would",
                    "should",
                    "may",
                    "might",
                    "must",
                    "shall",
                    "what",
                    "when",
                    "where",
                    "who",
                    "whom",
                    "whose",
                    "which",
                    "why",
                    "how",
                    "many",
                    "much",
                    "any",
                    "some",
                    "all",
                    "each",
                    "every",
                    "there",
                    "here",
                    "it",
                    "its",
                    "this",
                    "that",
                    "these",
                    "those",
                    "i",
                    "me",
                    "my",
                    "you",
                    "your",
                    "we",
                    "our",
                    "they",
                    "them",
                    "their",
                    "he",
                    "him",
                    "his",
                    "she",
                    "her",
                    "so",
                    "than",
                    "then",
                    "too",
                    "very",
                    "just",
                    "also",
                    "if",
                    "as",
                    "happen",
                    "happens",
                    "happened",
                    "happening",
                    "video",
                    "stream",
                    "camera",
                    "frame",
                    "frames",
                    "scene",
                    "clip",
                    "show",
                    "shows",
                    "shown",
                    "see",
                    "seen",
                    "appear",
                    "appears",
                    "appeared",
                    "visible",
                    "time",
                    "times",
                    "moment",
                    "moments",
                    "today",
                    "please",
                    "tell",
                    "find",
                    "look",
                    "anything",
                    "something",
                    "thing",
                    "things",
                    "get",
                    "got",
                    "go",
                    "goes",
                    "went");

    private final SentenceEncoder encoder;
    private final float labelThreshold;
    private final float textThreshold;
    private final List<String> labels = dev.skim.core.tagging.CocoClasses.NAMES;
    private final float[][] labelVectors;

    @Inject
    Vocabulary(SentenceEncoder encoder, BridgeConfig config) {
        this(encoder, config.search().labelThreshold(), config.search().textThreshold());
    }

    /**
     * A vocabulary with the given thresholds (cosines, see the README for how they were chosen).
     */
    public Vocabulary(SentenceEncoder encoder, double labelThreshold, double textThreshold) {
        this.encoder = encoder;
        this.labelThreshold = (float) labelThreshold;
        this.textThreshold = (float) textThreshold;
        long start = System.nanoTime();
        this.labelVectors = new float[labels.size()][];
        for (int i = 0; i < labels.size(); i++) {
            labelVectors[i] = encoder.embed(String.format(PROMPT, labels.get(i))).orElse(null);
        }
        LOG.infof(
                "search vocabulary: %d COCO classes, sentence encoder %s (%d ms to embed them);"
                        + " label threshold %.2f, text threshold %.2f",
                labels.size(),
                encoder.name(),
                (System.nanoTime() - start) / 1_000_000,
                labelThreshold,
                textThreshold);
    }

    /** The sentence encoder's name. */
    public String encoderName() {
        return encoder.name();
    }

    /** Parses a query: its content words and the classes they match. */
    public Query parse(String text) {
        List<String> words = words(text);
        Map<String, Query.Match> best = new LinkedHashMap<>();
        for (String term : terms(words)) {
            for (Query.Match m : matchLabels(term)) {
                Query.Match old = best.get(m.label());
                if (old == null || m.similarity() > old.similarity()) {
                    best.put(m.label(), m);
                }
            }
        }
        Map<String, Query.Match> sorted = new LinkedHashMap<>();
        best.values().stream()
                .sorted(Comparator.comparingDouble((Query.Match m) -> -m.similarity()))
                .forEach(m -> sorted.put(m.label(), m));
        return new Query(text, words, sorted, this);
    }

    /** The classes one term matches. */
    private List<Query.Match> matchLabels(String term) {
        List<Query.Match> out = new ArrayList<>();
        String singular = singular(term);
        for (String label : labels) {
            if (label.equals(term) || label.equals(singular)) {
                out.add(new Query.Match(label, 1f, term));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        Set<String> forms = new LinkedHashSet<>(List.of(term, singular));
        for (String form : forms) {
            Optional<float[]> q = encoder.embed(String.format(PROMPT, form));
            if (q.isEmpty()) {
                return out;
            }
            for (int i = 0; i < labels.size(); i++) {
                float s = SentenceEncoder.cosine(q.get(), labelVectors[i]);
                if (s >= labelThreshold) {
                    out.add(new Query.Match(labels.get(i), s, term));
                }
            }
        }
        return out;
    }

    /** How a line of text read in a frame matches a query. */
    record TextMatch(float similarity, String how, String word) {}

    /** Matches text read in a frame: same word, one typo away, or close in meaning. */
    Optional<TextMatch> matchText(Query q, String text) {
        if (q.words().isEmpty() || text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<String> read = tokens(text);
        String phrase = String.join(" ", q.words());
        if (q.words().size() > 1
                && (" " + String.join(" ", read) + " ").contains(" " + phrase + " ")) {
            return Optional.of(new TextMatch(1f, "=", phrase));
        }
        // the share of the query's words the text holds (one typo counts 0.9)
        float found = 0;
        boolean typo = false;
        List<String> hits = new ArrayList<>();
        for (String w : q.words()) {
            float f = 0;
            for (String r : read) {
                if (r.equals(w)) {
                    f = 1;
                    break;
                }
                if (oneTypoAway(w, r)) {
                    f = 0.9f;
                }
            }
            if (f > 0) {
                found += f;
                typo |= f < 1;
                hits.add(w);
            }
        }
        if (found > 0) {
            return Optional.of(
                    new TextMatch(
                            found / q.words().size(), typo ? "≈" : "=", String.join(" ", hits)));
        }
        if (text.codePoints().noneMatch(Character::isLetter)) {
            // a timestamp, a number plate's digits: words match them exactly or not at all, and
            // embedding every distinct one would fill the cache on a camera with a burned-in clock
            return Optional.empty();
        }
        TextMatch best = null;
        Optional<float[]> t = encoder.embed(text.toLowerCase(Locale.ROOT));
        if (t.isEmpty()) {
            return Optional.empty();
        }
        for (String w : q.words()) {
            if (isNumber(w)) {
                continue;
            }
            float s = SentenceEncoder.cosine(encoder.embed(w).orElseThrow(), t.get());
            if (s >= textThreshold && (best == null || s > best.similarity())) {
                best = new TextMatch(s, "~", w);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Embeds a line of text read in a frame ahead of any query (fills the cache). */
    public void warm(String text) {
        if (text != null && !text.isBlank()) {
            encoder.embed(text.toLowerCase(Locale.ROOT));
        }
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : tokens(text)) {
            if (!STOP.contains(w) && out.size() < MAX_WORDS) {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Each word, and each pair of adjacent words ("cell phone", "traffic light"); numbers only
     * match text.
     */
    private static List<String> terms(List<String> words) {
        List<String> named = words.stream().filter(w -> !isNumber(w)).toList();
        List<String> out = new ArrayList<>(named);
        for (int i = 0; i + 1 < named.size(); i++) {
            out.add(named.get(i) + " " + named.get(i + 1));
        }
        return out;
    }

    private static boolean isNumber(String w) {
        return w.chars().allMatch(Character::isDigit);
    }

    static String singular(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 4 && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("ses"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** One edit (insert, delete, substitute) apart; words of four letters or more only. */
    static boolean oneTypoAway(String a, String b) {
        if (a.length() < 4 || b.length() < 4 || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        int edits = 0;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (++edits > 1) {
                return false;
            }
            if (a.length() > b.length()) {
                i++;
            } else if (b.length() > a.length()) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return edits + (a.length() - i) + (b.length() - j) <= 1;
    }
}
