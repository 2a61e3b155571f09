package dev.skim.core.compression;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The operators a chain spec can name: each operator class's {@link OperatorDefinition}, in the
 * order the documentation tables list them. Adding an operator means writing its class (with its
 * definition) and its test, and listing the definition here; a test fails when an operator class of
 * this package is not listed, or when the README or package tables differ from these definitions.
 */
public final class OperatorRegistry {
    private static final List<OperatorDefinition> ALL =
            List.of(
                    FrameGate.DEFINITION,
                    GridPool.DEFINITION,
                    DivPrune.DEFINITION,
                    KCenter.DEFINITION,
                    SimilarityMerge.DEFINITION,
                    NoveltyProgressive.DEFINITION,
                    WindowKMeans.DEFINITION,
                    RichnessBudget.DEFINITION,
                    AttentionSelect.DEFINITION,
                    OnePerFrame.DEFINITION);

    private static final Map<String, OperatorDefinition> BY_NAME = index();

    private OperatorRegistry() {}

    /** Every definition, in documentation order. */
    public static List<OperatorDefinition> all() {
        return ALL;
    }

    public static Optional<OperatorDefinition> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Operator names, sorted. */
    public static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(BY_NAME.keySet()));
    }

    private static Map<String, OperatorDefinition> index() {
        Map<String, OperatorDefinition> m = new LinkedHashMap<>();
        for (OperatorDefinition d : ALL) {
            if (m.put(d.name(), d) != null) {
                throw new IllegalStateException("two operators are named " + d.name());
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
