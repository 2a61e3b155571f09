package dev.skim.core.compression;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parameter of an operator, as a chain spec names it: its type, its default, its bounds. Part
 * of an {@link OperatorDefinition}; the spec parser, the operators' {@link TokenOperator#params()}
 * and the documentation tables all read it from there.
 *
 * <p>Bounds are inclusive and written as text: a number, or the name of another parameter of the
 * same operator ({@code between("0", "budget")}).
 *
 * @param name name in a chain spec
 * @param type value type
 * @param fallback default in canonical text, or null when there is none
 * @param computed how the operator computes the default when the spec leaves the parameter out (for
 *     example {@code min(16, budget/4)}), or null
 * @param min lower bound (number or parameter name), or null
 * @param max upper bound (number or parameter name), or null
 * @param words allowed values of a {@link Type#WORD}
 * @param note what a special value means, for the documentation tables, or null
 */
public record Param(
        String name,
        Type type,
        String fallback,
        String computed,
        String min,
        String max,
        List<String> words,
        String note) {

    /** Value types of a chain spec. */
    public enum Type {
        INT("an integer"),
        FLOAT("a number"),
        BOOL("true or false"),
        WORD("one of the listed words");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /** Whether text is a value of this type (words: one of them). */
        boolean matches(String text, List<String> words) {
            return switch (this) {
                case INT -> text.matches("[+-]?\\d{1,9}");
                case FLOAT -> text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
                case BOOL -> text.equals("true") || text.equals("false");
                case WORD -> words.contains(text);
            };
        }

        /** What a value of this type looks like, for error messages. */
        String expected(List<String> words) {
            return this == WORD ? "one of " + String.join(", ", words) : expected;
        }

        /**
         * The canonical text of a Java value of this type (Float.toString for FLOAT), as {@link
         * TokenOperator#params()} gives it.
         */
        String format(Object value) {
            boolean ok =
                    switch (this) {
                        case INT -> value instanceof Integer || value instanceof Long;
                        case FLOAT -> value instanceof Float;
                        case BOOL -> value instanceof Boolean;
                        case WORD -> value instanceof String;
                    };
            if (!ok) {
                throw new IllegalStateException(
                        "a " + this + " parameter cannot hold " + value.getClass().getName());
            }
            return value.toString();
        }

        /** The canonical text of spec text that {@link #matches} this type. */
        String canonical(String text) {
            return switch (this) {
                case INT ->
                        Long.toString(
                                Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
                case FLOAT -> Float.toString(Float.parseFloat(text));
                case BOOL, WORD -> text;
            };
        }
    }

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        words = List.copyOf(words);
        if (type == Type.WORD && words.isEmpty()) {
            throw new IllegalArgumentException("word parameter " + name + " lists no words");
        }
        if (fallback != null) {
            if (!type.matches(fallback, words)) {
                throw new IllegalArgumentException(
                        "default '"
                                + fallback
                                + "' of "
                                + name
                                + " is not "
                                + type.expected(words));
            }
            fallback = type.canonical(fallback);
        }
    }

    /** A required integer. */
    public static Param ofInt(String name) {
        return new Param(name, Type.INT, null, null, null, null, List.of(), null);
    }

    /** A required number. */
    public static Param ofFloat(String name) {
        return new Param(name, Type.FLOAT, null, null, null, null, List.of(), null);
    }

    /** A boolean with its default. */
    public static Param ofBool(String name, boolean fallback) {
        return new Param(
                name, Type.BOOL, Boolean.toString(fallback), null, null, null, List.of(), null);
    }

    /** A word from a fixed list; the first word is the default. */
    public static Param ofWord(String name, String... words) {
        return new Param(name, Type.WORD, words[0], null, null, null, List.of(words), null);
    }

    /** This parameter with a default (spec text). */
    public Param withDefault(String text) {
        return new Param(name, type, text, computed, min, max, words, note);
    }

    /** This parameter, optional, with a default the operator computes (described in words). */
    public Param computedAs(String description) {
        return new Param(name, type, fallback, description, min, max, words, note);
    }

    public Param atLeast(String bound) {
        return new Param(name, type, fallback, computed, bound, max, words, note);
    }

    public Param atMost(String bound) {
        return new Param(name, type, fallback, computed, min, bound, words, note);
    }

    public Param between(String low, String high) {
        return atLeast(low).atMost(high);
    }

    /** This parameter with a note on a special value, for example {@code 0 = fixed K}. */
    public Param withNote(String text) {
        return new Param(name, type, fallback, computed, min, max, words, text);
    }

    /** Whether a spec must give this parameter. */
    public boolean required() {
        return fallback == null && computed == null;
    }

    /**
     * Throws when value (canonical text of this parameter) is outside the bounds; a bound naming
     * another parameter is read from values and skipped when that one is not set.
     */
    void check(String operator, String value, Map<String, String> values) {
        if (min == null && max == null) {
            return;
        }
        double v = Double.parseDouble(value);
        Double low = resolve(min, values);
        Double high = resolve(max, values);
        if ((low != null && !(v >= low)) || (high != null && !(v <= high))) {
            throw new IllegalArgumentException(
                    operator + " " + name + " must be " + bounds(values) + ", was " + value);
        }
    }

    /** The bounds as an error message or a table states them: {@code in [0, budget=8]}. */
    String bounds(Map<String, String> values) {
        if (min != null && max != null) {
            return "in [" + show(min, values) + ", " + show(max, values) + "]";
        }
        if (min != null) {
            return ">= " + show(min, values);
        }
        return max == null ? "" : "<= " + show(max, values);
    }

    private static Double resolve(String bound, Map<String, String> values) {
        if (bound == null) {
            return null;
        }
        if (isNumber(bound)) {
            return Double.parseDouble(bound);
        }
        String v = values.get(bound);
        return v == null ? null : Double.parseDouble(v);
    }

    private static String show(String bound, Map<String, String> values) {
        String v = values.get(bound);
        return isNumber(bound) || v == null ? bound : bound + "=" + v;
    }

    private static boolean isNumber(String bound) {
        return Type.FLOAT.matches(bound, List.of());
    }
}
