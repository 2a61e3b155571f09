package dev.skim.core.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a chain spec, the documentation and the tests need to know about one operator: its
 * name, its parameters (types, defaults, bounds), a one-line summary with the paper, an example,
 * the most tokens it returns, and how to build it. Each operator class declares its own as a {@code
 * static final DEFINITION}; {@link OperatorRegistry} collects them. Immutable.
 *
 * <pre>{@code
 * static final OperatorDefinition DEFINITION =
 *         OperatorDefinition.builder("divprune", "DivPrune (CVPR 2025)")
 *                 .summary("keep the k most mutually diverse tokens (max-min diversity)")
 *                 .example("divprune(64)")
 *                 .param(Param.ofInt("k").atLeast("1"))
 *                 .param(Param.ofWord("seed", "nn", "mean"))
 *                 .budget((a, in) -> a.intValue("k"))
 *                 .factory(a -> new DivPrune(a.intValue("k"), a.word("seed").equals("mean")));
 * }</pre>
 */
public final class OperatorDefinition {

    /**
     * The input an operator is given, for {@link Budget}.
     *
     * @param tokens input tokens
     * @param frames distinct frames among them
     * @param gridRows encoder grid rows
     * @param gridCols encoder grid columns
     */
    public record Shape(int tokens, int frames, int gridRows, int gridCols) {}

    /** The most tokens an operator with these arguments returns for an input of this shape. */
    @FunctionalInterface
    public interface Budget {
        int maxTokens(Arguments args, Shape in);
    }

    private final String name;
    private final String paper;
    private final String summary;
    private final String example;
    private final List<Param> params;
    private final Budget budget;
    private final Function<Arguments, TokenOperator> factory;

    private OperatorDefinition(Builder b) {
        this.name = b.name;
        this.paper = b.paper;
        this.summary = Objects.requireNonNull(b.summary, "summary of " + b.name);
        this.example = Objects.requireNonNull(b.example, "example of " + b.name);
        this.params = List.copyOf(b.params);
        this.budget = Objects.requireNonNull(b.budget, "budget of " + b.name);
        this.factory = Objects.requireNonNull(b.factory, "factory of " + b.name);
        for (Param p : params) {
            for (String bound : new String[] {p.min(), p.max()}) {
                if (bound != null
                        && !Param.Type.FLOAT.matches(bound, List.of())
                        && param(bound).isEmpty()) {
                    throw new IllegalArgumentException(
                            name + " " + p.name() + " is bounded by an unknown " + bound);
                }
            }
        }
    }

    /**
     * @param name the operator's name in a chain spec
     * @param paper the paper(s) it comes from, short
     */
    public static Builder builder(String name, String paper) {
        return new Builder(name, paper);
    }

    public String name() {
        return name;
    }

    public String paper() {
        return paper;
    }

    /** What the operator does, one line. */
    public String summary() {
        return summary;
    }

    /** A typical use as chain spec text, for example {@code divprune(64)}. */
    public String example() {
        return example;
    }

    /** Parameters in positional order. */
    public List<Param> params() {
        return params;
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The most tokens an operator with these arguments returns for an input of this shape. */
    public int maxTokens(Arguments args, Shape in) {
        return budget.maxTokens(args, in);
    }

    /**
     * Arguments from Java values in declaration order (null = not set), for an operator's
     * constructor: checked against the types and bounds.
     *
     * @throws IllegalArgumentException naming the parameter and its bounds
     */
    Arguments arguments(Object... values) {
        return Arguments.ofValues(this, values);
    }

    /**
     * Builds the operator from canonical text values (a parsed spec, defaults filled in).
     *
     * @throws IllegalArgumentException naming the parameter and its bounds
     */
    TokenOperator create(Map<String, String> values) {
        return factory.apply(Arguments.ofText(this, values));
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects a definition; {@link #factory} ends it. */
    public static final class Builder {
        private final String name;
        private final String paper;
        private final List<Param> params = new ArrayList<>();
        private String summary;
        private String example;
        private Budget budget;
        private Function<Arguments, TokenOperator> factory;

        private Builder(String name, String paper) {
            this.name = Objects.requireNonNull(name, "name");
            this.paper = Objects.requireNonNull(paper, "paper");
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder example(String spec) {
            this.example = spec;
            return this;
        }

        /** The next positional parameter. */
        public Builder param(Param p) {
            for (Param q : params) {
                if (q.name().equals(p.name())) {
                    throw new IllegalArgumentException(name + " declares " + p.name() + " twice");
                }
            }
            params.add(p);
            return this;
        }

        public Builder budget(Budget b) {
            this.budget = b;
            return this;
        }

        /** How to build the operator from checked arguments; returns the definition. */
        public OperatorDefinition factory(Function<Arguments, TokenOperator> f) {
            this.factory = f;
            return new OperatorDefinition(this);
        }
    }
}
