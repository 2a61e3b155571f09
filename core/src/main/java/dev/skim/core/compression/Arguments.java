package dev.skim.core.compression;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameter values of one operator, checked against its {@link OperatorDefinition}: in canonical
 * text, in declaration order, only the parameters that are set. An operator keeps the arguments it
 * was built with; they are its {@link TokenOperator#params()} and its spec text. Immutable.
 */
public final class Arguments {
    private final OperatorDefinition definition;
    private final Map<String, String> values;

    private Arguments(OperatorDefinition definition, Map<String, String> values) {
        this.definition = definition;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Arguments from canonical text (a parsed spec): bounds checked, unknown names rejected.
     *
     * @throws IllegalArgumentException naming the parameter and its bounds
     */
    static Arguments ofText(OperatorDefinition definition, Map<String, String> text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Param p : definition.params()) {
            String v = text.get(p.name());
            if (v != null) {
                values.put(p.name(), p.type().canonical(v));
            }
        }
        for (String name : text.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalStateException(definition.name() + " has no parameter " + name);
            }
        }
        return checked(definition, values);
    }

    /**
     * Arguments from Java values given in declaration order; null leaves a parameter unset.
     *
     * @throws IllegalArgumentException naming the parameter and its bounds
     */
    static Arguments ofValues(OperatorDefinition definition, Object... given) {
        if (given.length != definition.params().size()) {
            throw new IllegalStateException(
                    definition.name()
                            + " takes "
                            + definition.params().size()
                            + " values, got "
                            + given.length);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < given.length; i++) {
            Param p = definition.params().get(i);
            if (given[i] != null) {
                values.put(p.name(), p.type().format(given[i]));
            }
        }
        return checked(definition, values);
    }

    private static Arguments checked(OperatorDefinition definition, Map<String, String> values) {
        for (Param p : definition.params()) {
            String v = values.get(p.name());
            if (v == null) {
                continue;
            }
            if (p.type() == Param.Type.WORD && !p.words().contains(v)) {
                throw new IllegalArgumentException(
                        definition.name()
                                + " "
                                + p.name()
                                + " must be "
                                + p.type().expected(p.words())
                                + ", was "
                                + v);
            }
            p.check(definition.name(), v, values);
        }
        return new Arguments(definition, values);
    }

    public OperatorDefinition definition() {
        return definition;
    }

    /** Canonical text of the set parameters, in declaration order. */
    public Map<String, String> values() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int intValue(String name) {
        return Integer.parseInt(get(name));
    }

    /** The value, or fallback when the parameter is not set (a computed default). */
    public int intValue(String name, int fallback) {
        return has(name) ? intValue(name) : fallback;
    }

    public float floatValue(String name) {
        return Float.parseFloat(get(name));
    }

    public boolean boolValue(String name) {
        return Boolean.parseBoolean(get(name));
    }

    public String word(String name) {
        return get(name);
    }

    private String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(definition.name() + " " + name + " is not set");
        }
        return v;
    }

    @Override
    public String toString() {
        return definition.name() + values;
    }
}
