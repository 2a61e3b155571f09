package dev.skim.bridge.context;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic, template-made summary of the moments in a context (no model involved): the
 * range, how many frames the memory holds, and the most novel moments.
 */
public final class TimelineSummary {
    /** Label of every summary: it is not model-generated. */
    public static final String LABEL =
            "deterministic timeline summary built from token statistics; not model-generated";

    private static final int TOP = 5;

    private TimelineSummary() {}

    /** The summary text. */
    public static String of(AskContext ctx) {
        List<Moment> ms = ctx.moments();
        StringBuilder s = new StringBuilder();
        s.append("Stream '")
                .append(ctx.streamId())
                .append("' from t=")
                .append(Moment.label(ctx.fromMillis()))
                .append(" to t=")
                .append(Moment.label(ctx.toMillis()))
                .append(": ")
                .append(ctx.candidates()[0])
                .append(" frames with tokens in memory, ")
                .append(ctx.candidates()[1])
                .append(" slow-tier frames; ")
                .append(ms.size())
                .append(" moments selected (")
                .append(ms.stream().filter(m -> m.role().equals("detail")).count())
                .append(" with detail).");
        if (ms.isEmpty()) {
            return s.append(" Nothing in memory for this range.").toString();
        }
        List<Moment> novel =
                ms.stream()
                        .sorted(
                                Comparator.comparingDouble((Moment m) -> -m.novelty())
                                        .thenComparingLong(Moment::ptsMillis))
                        .limit(TOP)
                        .sorted(Comparator.comparingLong(Moment::ptsMillis))
                        .toList();
        s.append(" Most novel moments: ");
        for (int i = 0; i < novel.size(); i++) {
            Moment m = novel.get(i);
            s.append(i == 0 ? "" : ", ")
                    .append("[t=")
                    .append(m.time())
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%.2f", m.novelty()));
        }
        double mean = ms.stream().mapToDouble(Moment::novelty).average().orElse(0);
        return s.append(String.format(Locale.ROOT, ". Mean novelty %.2f.", mean)).toString();
    }
}
