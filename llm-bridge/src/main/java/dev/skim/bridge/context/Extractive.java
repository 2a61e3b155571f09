package dev.skim.bridge.context;

import dev.skim.bridge.search.Query;
import dev.skim.bridge.search.TagView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer made without a model from the tags of the slow frames in range: where the classes and
 * text the question names were seen ("person seen at [t=00:00:04.800], ... (12 moments); text
 * 'EXIT' at [t=...]"), or, when nothing matches, what was seen at all and the most novel moments.
 * Every time is a citation label in the format of the LLM path ({@link Citations}).
 *
 * @param text the answer
 * @param citations the moments it cites, in time order
 */
public record Extractive(String text, List<Moment> citations) {
    /** Label of every extractive answer: it is not model-generated. */
    public static final String LABEL =
            "extractive answer from the object and text tags of the slow frames in range; not"
                    + " model-generated";

    /** Times listed per class or text before "...". */
    static final int TIMES = 6;

    private static final int SEEN = 8;

    /** The answer for {@code query} from the tagged moments of the range (any order). */
    static Extractive of(Query query, List<Moment> moments) {
        List<Moment> inTime = new ArrayList<>(moments);
        inTime.sort(Comparator.comparingLong(Moment::ptsMillis).thenComparingLong(Moment::seq));
        Map<String, List<Moment>> matched = new LinkedHashMap<>();
        query.labels().forEach(m -> matched.put("OBJECT\u0000" + m.label(), new ArrayList<>()));
        for (Moment m : inTime) {
            if (m.relevance() == null || m.relevance().basis() == null) {
                continue;
            }
            for (TagView t : m.tags()) {
                String key = t.kind() + "\u0000" + t.label();
                boolean hit =
                        m.relevance().basis().contains("tag " + t.label() + " (")
                                || m.relevance().basis().contains("text '" + t.label() + "' (");
                if (hit) {
                    List<Moment> at = matched.computeIfAbsent(key, k -> new ArrayList<>());
                    if (at.isEmpty() || at.get(at.size() - 1) != m) {
                        at.add(m);
                    }
                }
            }
        }
        matched.values().removeIf(List::isEmpty);
        List<Moment> cited = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        if (!matched.isEmpty()) {
            for (Map.Entry<String, List<Moment>> e : matched.entrySet()) {
                String[] kl = e.getKey().split("\u0000", 2);
                s.append(s.length() == 0 ? "" : "; ")
                        .append(
                                kl[0].equals("OBJECT")
                                        ? kl[1] + " seen at "
                                        : "text '" + kl[1] + "' at ")
                        .append(times(e.getValue(), cited));
            }
            return new Extractive(s.append('.').toString(), sorted(cited));
        }
        s.append(
                query.matchesAnyClass()
                        ? "No slow frame in range has a tag matching '" + query.text() + "'."
                        : capitalised(query.noMatchNote()) + ".");
        Map<String, List<Moment>> seen = new LinkedHashMap<>();
        for (Moment m : inTime) {
            for (TagView t : m.tags()) {
                String key = t.kind().equals("OBJECT") ? t.label() : "text '" + t.label() + "'";
                List<Moment> at = seen.computeIfAbsent(key, k -> new ArrayList<>());
                if (at.isEmpty() || at.get(at.size() - 1) != m) {
                    at.add(m);
                }
            }
        }
        if (seen.isEmpty()) {
            s.append(" No slow frame in range has tags (tagging is off, or it found nothing).");
        } else {
            s.append(" Seen in this range: ");
            List<Map.Entry<String, List<Moment>>> top =
                    seen.entrySet().stream()
                            .sorted(
                                    Comparator.comparingInt(
                                            (Map.Entry<String, List<Moment>> e) ->
                                                    -e.getValue().size()))
                            .limit(SEEN)
                            .toList();
            for (int i = 0; i < top.size(); i++) {
                List<Moment> at = top.get(i).getValue();
                Moment first = at.get(0);
                Moment last = at.get(at.size() - 1);
                cited.add(first);
                s.append(i == 0 ? "" : ", ")
                        .append(top.get(i).getKey())
                        .append(" at ")
                        .append(at.size())
                        .append(at.size() == 1 ? " moment (" : " moments (")
                        .append(label(first));
                if (last != first) {
                    cited.add(last);
                    s.append(" to ").append(label(last));
                }
                s.append(')');
            }
            s.append('.');
        }
        List<Moment> novel =
                inTime.stream()
                        .sorted(Comparator.comparingDouble((Moment m) -> -m.novelty()))
                        .limit(3)
                        .sorted(Comparator.comparingLong(Moment::ptsMillis))
                        .toList();
        if (!novel.isEmpty()) {
            s.append(" Most novel slow frames: ");
            for (int i = 0; i < novel.size(); i++) {
                cited.add(novel.get(i));
                s.append(i == 0 ? "" : ", ").append(label(novel.get(i)));
            }
            s.append('.');
        }
        return new Extractive(s.toString(), sorted(cited));
    }

    private static String times(List<Moment> at, List<Moment> cited) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(TIMES, at.size()); i++) {
            cited.add(at.get(i));
            s.append(i == 0 ? "" : ", ").append(label(at.get(i)));
        }
        if (at.size() > TIMES) {
            s.append(", ...");
        }
        return s.append(" (")
                .append(at.size())
                .append(at.size() == 1 ? " moment)" : " moments)")
                .toString();
    }

    /** The citation label of a moment, as the LLM path writes it. */
    static String label(Moment m) {
        return "[t=" + m.time() + "]";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<Moment> sorted(List<Moment> cited) {
        return cited.stream()
                .distinct()
                .sorted(Comparator.comparingLong(Moment::ptsMillis).thenComparingLong(Moment::seq))
                .toList();
    }
}
