package dev.skim.deploy;

import static dev.skim.deploy.Repo.list;
import static dev.skim.deploy.Repo.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard (deploy/monitoring/grafana/dashboards/skim.json) and its queries. */
final class Dashboard {

    static final String FILE = "deploy/monitoring/grafana/dashboards/skim.json";

    private static final Set<String> PROMQL_WORDS =
            Set.of(
                    "by",
                    "without",
                    "on",
                    "ignoring",
                    "group_left",
                    "group_right",
                    "and",
                    "or",
                    "unless",
                    "bool",
                    "offset",
                    "inf",
                    "nan");

    private Dashboard() {}

    static Map<String, Object> json() {
        return Repo.yaml(FILE);
    }

    static List<Map<String, Object>> panels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object p : list(json().get("panels"))) {
            out.add(map(p));
            for (Object inner : list(map(p).get("panels"))) {
                out.add(map(inner));
            }
        }
        return out;
    }

    static List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> p : panels()) {
            for (Object t : list(p.get("targets"))) {
                out.add(String.valueOf(map(t).get("expr")));
            }
        }
        return out;
    }

    /** The metric names a PromQL expression reads. */
    static Set<String> metricNames(String expr) {
        String s =
                expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // strings
                        .replaceAll("\\{[^}]*}", " ") // label matchers
                        .replaceAll("\\[[^]]*]", " ") // ranges
                        .replaceAll(
                                "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)",
                                " ")
                        .replaceAll("\\$\\{?[A-Za-z_]+}?", " "); // Grafana variables
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*(?=\\s*(\\()?)").matcher(s);
        while (m.find()) {
            String word = m.group();
            boolean call = m.group(1) != null;
            if (!call && !PROMQL_WORDS.contains(word.toLowerCase()) && !word.matches("[0-9eE.]+")) {
                out.add(word);
            }
        }
        return out;
    }

    /** The label names the queries match on or group by, less Prometheus' own job and instance. */
    static Set<String> labelNames() {
        Set<String> out = new TreeSet<>();
        for (String expr : expressions()) {
            Matcher sel = Pattern.compile("\\{([^}]*)}").matcher(expr);
            while (sel.find()) {
                for (String matcher : sel.group(1).split(",")) {
                    String name = matcher.split("=~|!=|!~|=")[0].trim();
                    if (!name.isEmpty()) {
                        out.add(name);
                    }
                }
            }
            Matcher by = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)").matcher(expr);
            while (by.find()) {
                for (String name : by.group(1).split(",")) {
                    out.add(name.trim());
                }
            }
        }
        out.removeAll(Set.of("job", "instance"));
        return out;
    }

    static Set<String> metricNames() {
        Set<String> out = new TreeSet<>();
        expressions().forEach(e -> out.addAll(metricNames(e)));
        return out;
    }
}
