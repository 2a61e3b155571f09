package dev.skim.core.compression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses chain specs such as {@code gate(0.02) > novelty(64, base=16) > divprune(64)} into a {@link
 * Chain} (DESIGN.md section 5).
 *
 * <p>Grammar: {@code chain := op ('>' op)*}, {@code op := name ['(' [arg (',' arg)*] ')']}, {@code
 * arg := [param '='] value}. Positional arguments fill parameters in declaration order and come
 * before named ones. Errors are {@link ChainSpecException}s naming the bad part and its position:
 * an unknown operator (with the known names), an unknown or repeated parameter, a missing required
 * one, a value of the wrong type, or a value outside the parameter's bounds.
 *
 * <p>The operators, their parameters, defaults and bounds are the {@link OperatorDefinition}s in
 * {@link OperatorRegistry}; the package documentation has them as a table.
 */
public final class ChainSpec {
    private final String text;
    private int pos;

    private ChainSpec(String text) {
        this.text = text;
    }

    /** Parses and validates a chain spec. */
    public static Chain parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new ChainSpecException(String.valueOf(spec), 0, "empty chain spec");
        }
        return new ChainSpec(spec).chain();
    }

    /** Names a spec may use, sorted. */
    public static Set<String> operatorNames() {
        return OperatorRegistry.names();
    }

    private Chain chain() {
        List<TokenOperator> ops = new ArrayList<>();
        ops.add(operator());
        skipSpace();
        while (pos < text.length()) {
            expect('>', "'>' between operators");
            ops.add(operator());
            skipSpace();
        }
        return new Chain(ops);
    }

    private TokenOperator operator() {
        skipSpace();
        int start = pos;
        String name = identifier("an operator name");
        OperatorDefinition def = OperatorRegistry.find(name).orElse(null);
        if (def == null) {
            throw new ChainSpecException(
                    text,
                    start,
                    "unknown operator '"
                            + name
                            + "' (known: "
                            + String.join(", ", operatorNames())
                            + ")");
        }
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, Integer> where = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '(') {
            pos++;
            skipSpace();
            if (peek() == ')') {
                pos++;
            } else {
                arguments(name, def, given, where);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Param p : def.params()) {
            String v = given.get(p.name());
            if (v == null) {
                v = p.fallback();
            }
            if (v == null && p.required()) {
                throw new ChainSpecException(
                        text,
                        pos,
                        "missing parameter '" + p.name() + "' of " + name + signature(name, def));
            }
            if (v != null) {
                int at = where.getOrDefault(p.name(), start);
                checkType(name, p, v, at);
                values.put(p.name(), v);
            }
        }
        try {
            return def.create(values);
        } catch (IllegalArgumentException e) {
            throw new ChainSpecException(
                    text, start, "bad parameters for " + name + ": " + e.getMessage(), e);
        }
    }

    private void arguments(
            String op,
            OperatorDefinition def,
            Map<String, String> given,
            Map<String, Integer> where) {
        int positional = 0;
        boolean named = false;
        while (true) {
            skipSpace();
            int start = pos;
            String first = token();
            skipSpace();
            String param;
            String value;
            int valueAt;
            if (peek() == '=') {
                pos++;
                skipSpace();
                valueAt = pos;
                param = first;
                value = token();
                named = true;
                if (def.param(param).isEmpty()) {
                    throw new ChainSpecException(
                            text,
                            start,
                            "unknown parameter '" + param + "' of " + op + signature(op, def));
                }
            } else {
                if (named) {
                    throw new ChainSpecException(
                            text,
                            start,
                            "positional value '" + first + "' after a named one in " + op);
                }
                if (positional >= def.params().size()) {
                    throw new ChainSpecException(
                            text, start, "too many values for " + op + signature(op, def));
                }
                param = def.params().get(positional++).name();
                value = first;
                valueAt = start;
            }
            if (given.put(param, value) != null) {
                throw new ChainSpecException(
                        text, start, "parameter '" + param + "' of " + op + " given twice");
            }
            where.put(param, valueAt);
            skipSpace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect(')', "',' or ')' in the parameters of " + op);
            return;
        }
    }

    private void checkType(String op, Param p, String v, int at) {
        if (!p.type().matches(v, p.words())) {
            throw new ChainSpecException(
                    text,
                    at,
                    "bad value '"
                            + v
                            + "' for "
                            + op
                            + " parameter '"
                            + p.name()
                            + "': expected "
                            + p.type().expected(p.words()));
        }
    }

    private static String signature(String op, OperatorDefinition def) {
        return def.params().stream()
                .map(p -> p.required() ? p.name() : p.name() + "?")
                .collect(Collectors.joining(", ", " (" + op + "(", "))"));
    }

    private String identifier(String what) {
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos || !Character.isLetter(text.charAt(start))) {
            throw new ChainSpecException(text, start, "expected " + what + found());
        }
        return text.substring(start, pos);
    }

    /** A value or parameter name: letters, digits, '.', '+', '-', '_'. */
    private String token() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '+' || c == '_') {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw new ChainSpecException(text, start, "expected a value" + found());
        }
        return text.substring(start, pos);
    }

    private void expect(char c, String what) {
        skipSpace();
        if (peek() != c) {
            throw new ChainSpecException(text, pos, "expected " + what + found());
        }
        pos++;
    }

    private String found() {
        return pos < text.length()
                ? " but found '" + text.charAt(pos) + "'"
                : " but the spec ended";
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
