package dev.skim.bridge.context;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the moments an answer cites by their {@code t=HH:MM:SS(.mmm)} labels. */
public final class Citations {
    private static final Pattern LABEL =
            Pattern.compile("t=(\\d{1,3}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?");

    private Citations() {}

    /**
     * The context's moments whose label the answer mentions, in time order; a label without
     * milliseconds matches the moments in that second.
     */
    public static List<Moment> cited(String answer, List<Moment> moments) {
        if (answer == null) {
            return List.of();
        }
        Set<Moment> out = new LinkedHashSet<>();
        Matcher m = LABEL.matcher(answer);
        while (m.find()) {
            long ms =
                    Long.parseLong(m.group(1)) * 3_600_000
                            + Long.parseLong(m.group(2)) * 60_000
                            + Long.parseLong(m.group(3)) * 1000;
            boolean exact = m.group(4) != null;
            if (exact) {
                ms += Long.parseLong((m.group(4) + "00").substring(0, 3));
            }
            for (Moment moment : moments) {
                long p = moment.ptsMillis();
                if (exact ? p == ms : p >= ms && p < ms + 1000) {
                    out.add(moment);
                }
            }
        }
        List<Moment> sorted = new ArrayList<>(out);
        sorted.sort(java.util.Comparator.comparingLong(Moment::ptsMillis));
        return sorted;
    }
}
