package dev.skim.core.compression;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The operators a chain spec can name, their parameters (in positional order) and defaults. */
final class OperatorRegistry {
    enum Type {
        INT,
        FLOAT,
        BOOL,
        WORD
    }

    /**
     * @param name parameter name
     * @param type value type
     * @param fallback default as text, or null when required (or computed by the factory when
     *     {@code optional})
     * @param optional may be left out even without a fallback
     * @param words allowed values for WORD
     */
    record Param(String name, Type type, String fallback, boolean optional, List<String> words) {
        static Param required(String name, Type type) {
            return new Param(name, type, null, false, List.of());
        }

        static Param of(String name, Type type, String fallback) {
            return new Param(name, type, fallback, true, List.of());
        }

        static Param computed(String name, Type type) {
            return new Param(name, type, null, true, List.of());
        }

        static Param word(String name, String fallback, String... words) {
            return new Param(name, Type.WORD, fallback, true, List.of(words));
        }
    }

    record Definition(List<Param> params, Function<Args, TokenOperator> factory) {}

    /** Typed access to resolved parameter values (text). */
    record Args(Map<String, String> values) {
        boolean has(String name) {
            return values.containsKey(name);
        }

        int i(String name) {
            return Integer.parseInt(values.get(name));
        }

        int i(String name, int fallback) {
            return has(name) ? i(name) : fallback;
        }

        float f(String name) {
            return Float.parseFloat(values.get(name));
        }

        boolean b(String name) {
            return Boolean.parseBoolean(values.get(name));
        }

        String s(String name) {
            return values.get(name);
        }
    }

    static final Map<String, Definition> OPERATORS = build();

    private OperatorRegistry() {}

    private static Map<String, Definition> build() {
        Map<String, Definition> m = new TreeMap<>();
        m.put(
                "gate",
                new Definition(
                        List.of(Param.of("threshold", Type.FLOAT, "0.02")),
                        a -> new FrameGate(a.f("threshold"))));
        m.put(
                "pool",
                new Definition(List.of(Param.of("g", Type.INT, "2")), a -> new GridPool(a.i("g"))));
        m.put(
                "divprune",
                new Definition(
                        List.of(
                                Param.required("k", Type.INT),
                                Param.word("seed", "nn", "nn", "mean")),
                        a -> new DivPrune(a.i("k"), a.s("seed").equals("mean"))));
        m.put(
                "kcenter",
                new Definition(
                        List.of(
                                Param.required("k", Type.INT),
                                Param.of("cells", Type.BOOL, "false")),
                        a -> new KCenter(a.i("k"), a.b("cells"))));
        m.put(
                "merge",
                new Definition(
                        List.of(Param.required("k", Type.INT)),
                        a -> new SimilarityMerge(a.i("k"))));
        m.put(
                "novelty",
                new Definition(
                        List.of(
                                Param.required("budget", Type.INT),
                                Param.computed("base", Type.INT),
                                Param.computed("key", Type.INT),
                                Param.of("cut", Type.FLOAT, "0.5"),
                                Param.of("min", Type.FLOAT, "0.05"),
                                Param.of("memory", Type.INT, "0"),
                                Param.word("scope", "global", "global", "cell")),
                        a -> {
                            int budget = a.i("budget");
                            return new NoveltyProgressive(
                                    budget,
                                    a.i("base", Math.min(16, budget / 4)),
                                    a.i("key", budget),
                                    a.f("cut"),
                                    a.f("min"),
                                    a.i("memory"),
                                    a.s("scope").equals("cell"));
                        }));
        m.put(
                "kmeans",
                new Definition(
                        List.of(
                                Param.required("k", Type.INT),
                                Param.of("tau", Type.FLOAT, "0"),
                                Param.of("iter", Type.INT, "10"),
                                Param.of("seed", Type.INT, "42")),
                        a ->
                                a.f("tau") > 0f
                                        ? WindowKMeans.adaptive(
                                                a.f("tau"), a.i("k"), a.i("iter"), a.i("seed"))
                                        : WindowKMeans.fixed(a.i("k"), a.i("iter"), a.i("seed"))));
        m.put(
                "richness",
                new Definition(
                        List.of(
                                Param.required("rho", Type.FLOAT),
                                Param.of("min", Type.INT, "4"),
                                Param.of("max", Type.INT, "64"),
                                Param.of("cells", Type.BOOL, "false")),
                        a -> new RichnessBudget(a.f("rho"), a.i("min"), a.i("max"), a.b("cells"))));
        m.put(
                "attention",
                new Definition(
                        List.of(Param.required("k", Type.INT), Param.of("context", Type.INT, "0")),
                        a -> new AttentionSelect(a.i("k"), a.i("context"))));
        m.put(
                "query",
                new Definition(
                        List.of(Param.required("k", Type.INT), Param.of("kappa", Type.FLOAT, "0")),
                        a -> new QueryRecovery(a.i("k"), a.f("kappa"))));
        m.put(
                "frame",
                new Definition(
                        List.of(Param.of("pooled", Type.BOOL, "false")),
                        a -> new OnePerFrame(a.b("pooled"))));
        return java.util.Collections.unmodifiableMap(m);
    }
}
