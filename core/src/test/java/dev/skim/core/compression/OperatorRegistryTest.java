package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.core.tokens.Token;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every registered operator, through its definition alone. */
class OperatorRegistryTest {
    private static final int ROWS = 12;
    private static final int COLS = 12;
    private static final int FRAMES = 2;

    private static TokenOperator example(OperatorDefinition d) {
        List<TokenOperator> ops = ChainSpec.parse(d.example()).operators();
        assertThat(ops).as(d.example()).hasSize(1);
        return ops.get(0);
    }

    private static List<Token> window(long seed) {
        List<Token> in = new ArrayList<>();
        for (int t = 0; t < FRAMES; t++) {
            in.addAll(Fixtures.randomGrid(t, ROWS, COLS, 16, seed + t));
        }
        return in;
    }

    /** Attention, pooled vector and query: what any operator may need. */
    private static OperatorContext context(int n) {
        Random rnd = new Random(5);
        float[] attention = new float[n];
        for (int i = 0; i < n; i++) {
            attention[i] = rnd.nextFloat();
        }
        return new OperatorContext(
                ROWS,
                COLS,
                attention,
                Fixtures.gaussian(rnd, 16),
                Fixtures.gaussian(rnd, 16),
                OperatorState.EMPTY);
    }

    private static String spec(String name, Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", name + "(", ")"));
    }

    @Test
    void shouldRegisterEveryOperatorClassOfThePackage() throws IOException, URISyntaxException {
        Path dir =
                Path.of(TokenOperator.class.getResource("TokenOperator.class").toURI()).getParent();
        List<String> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes =
                    files.map(p -> p.getFileName().toString())
                            .filter(f -> f.endsWith(".class") && !f.contains("$"))
                            .map(f -> f.substring(0, f.length() - ".class".length()))
                            .toList();
        }
        TreeSet<String> operators = new TreeSet<>();
        for (String c : classes) {
            Class<?> type;
            try {
                type = Class.forName(TokenOperator.class.getPackageName() + "." + c);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(c, e);
            }
            if (TokenOperator.class.isAssignableFrom(type)
                    && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                operators.add(type.getSimpleName());
            }
        }
        TreeSet<String> registered = new TreeSet<>();
        for (OperatorDefinition d : OperatorRegistry.all()) {
            registered.add(example(d).getClass().getSimpleName());
        }
        assertThat(operators).hasSizeGreaterThanOrEqualTo(10).isEqualTo(registered);
        assertThat(ChainSpec.operatorNames())
                .containsExactlyElementsOf(
                        OperatorRegistry.all().stream()
                                .map(OperatorDefinition::name)
                                .sorted()
                                .toList());
    }

    @Test
    void shouldBuildEveryOperatorFromItsExampleAndFromItsDefaults() {
        for (OperatorDefinition d : OperatorRegistry.all()) {
            TokenOperator op = example(d);
            assertThat(op.name()).isEqualTo(d.name());
            assertThat(op.arguments().definition()).isSameAs(d);
            assertThat(ChainSpec.parse(op.spec()).spec()).isEqualTo(op.spec());
            Map<String, String> required = new LinkedHashMap<>();
            for (Param p : d.params()) {
                if (p.required()) {
                    required.put(p.name(), op.params().get(p.name()));
                }
            }
            TokenOperator defaults = ChainSpec.parse(spec(d.name(), required)).operators().get(0);
            assertThat(defaults.params()).as(d.name()).containsAllEntriesOf(required);
            for (Param p : d.params()) {
                String v = defaults.params().get(p.name());
                if (p.fallback() != null && v != null) {
                    assertThat(v).as(d.name() + " " + p.name()).isEqualTo(p.fallback());
                }
                if (p.computed() != null) {
                    assertThat(v).as(d.name() + " " + p.name()).isNotNull();
                }
            }
            assertThat(new ArrayList<>(defaults.params().keySet()))
                    .as("params() in declaration order")
                    .isSubsetOf(d.params().stream().map(Param::name).toList())
                    .isSortedAccordingTo(
                            (a, b) ->
                                    Integer.compare(
                                            d.params().indexOf(d.param(a).orElseThrow()),
                                            d.params().indexOf(d.param(b).orElseThrow())));
        }
    }

    @Test
    void shouldRunEveryOperatorOnATokenMatrixWithinItsBudget() {
        List<Token> in = window(11);
        OperatorContext ctx = context(in.size());
        OperatorDefinition.Shape shape =
                new OperatorDefinition.Shape(in.size(), FRAMES, ROWS, COLS);
        for (OperatorDefinition d : OperatorRegistry.all()) {
            TokenOperator op = example(d);
            OperatorState state = OperatorState.EMPTY;
            for (int call = 0; call < 3; call++) {
                Compressed out = op.apply(in, ctx.withState(state));
                assertThat(out.tokens().size())
                        .as(op.spec() + " call " + call)
                        .isLessThanOrEqualTo(d.maxTokens(op.arguments(), shape));
                assertThat(out.provenance().inputs()).as(op.spec()).isEqualTo(in.size());
                assertThat(out.provenance().outputs()).as(op.spec()).isEqualTo(out.tokens().size());
                state = out.state();
            }
        }
    }

    @Test
    void shouldRejectEveryOutOfBoundsValueNamingTheParameterAndItsBounds() {
        int checked = 0;
        for (OperatorDefinition d : OperatorRegistry.all()) {
            Map<String, String> valid = new LinkedHashMap<>(example(d).params());
            for (Param p : d.params()) {
                if (p.fallback() != null) {
                    valid.putIfAbsent(p.name(), p.fallback());
                }
            }
            for (Param p : d.params()) {
                for (String bound : new String[] {p.min(), p.max()}) {
                    if (bound == null || !valid.containsKey(p.name())) {
                        continue;
                    }
                    double at =
                            d.param(bound).isPresent()
                                    ? Double.parseDouble(valid.get(bound))
                                    : Double.parseDouble(bound);
                    double step = p.type() == Param.Type.INT ? 1 : 0.5;
                    double bad = bound.equals(p.min()) ? at - step : at + step;
                    String text =
                            p.type() == Param.Type.INT
                                    ? Long.toString((long) bad)
                                    : Float.toString((float) bad);
                    Map<String, String> values = new LinkedHashMap<>(valid);
                    values.put(p.name(), text);
                    String spec = spec(d.name(), values);
                    String expected =
                            d.name()
                                    + " "
                                    + p.name()
                                    + " must be "
                                    + bounds(p, valid)
                                    + ", was "
                                    + text;
                    assertThatThrownBy(() -> ChainSpec.parse(spec))
                            .as(spec)
                            .isInstanceOf(ChainSpecException.class)
                            .hasMessageContaining(
                                    "bad parameters for " + d.name() + ": " + expected)
                            .hasMessageContaining("at position 0");
                    assertThatThrownBy(() -> d.create(values))
                            .as(spec)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    /** The bounds as the message must state them, written out independently of Param. */
    private static String bounds(Param p, Map<String, String> values) {
        String low = p.min() == null ? null : show(p.min(), values);
        String high = p.max() == null ? null : show(p.max(), values);
        if (low != null && high != null) {
            return "in [" + low + ", " + high + "]";
        }
        return low != null ? ">= " + low : "<= " + high;
    }

    private static String show(String bound, Map<String, String> values) {
        return values.containsKey(bound) ? bound + "=" + values.get(bound) : bound;
    }

    @Test
    void shouldRejectBadValuesFromTheJavaConstructorsToo() {
        assertThatThrownBy(() -> new FrameGate(Float.NaN))
                .hasMessage("gate threshold must be in [0, 2], was NaN");
        assertThatThrownBy(() -> new NoveltyProgressive(8, 9, 8, 0.5f, 0.05f, 0, false))
                .hasMessage("novelty base must be in [0, budget=8], was 9");
        assertThatThrownBy(() -> new RichnessBudget(0.2f, 8, 4, false))
                .hasMessage("richness max must be >= min=8, was 4");
        assertThatThrownBy(() -> WindowKMeans.fixed(4, 0, 1))
                .hasMessage("kmeans iter must be >= 1, was 0");
        assertThatThrownBy(() -> WindowKMeans.adaptive(0f, 4, 10, 1))
                .hasMessageContaining("kmeans tau must be in (0, 2]");
    }

    @Test
    void shouldSpellParametersAsBeforeTheDefinitionsExisted() {
        assertThat(WindowKMeans.fixed(64, 10, 42).spec())
                .isEqualTo("kmeans(k=64, iter=10, seed=42)");
        assertThat(ChainSpec.parse("kmeans(64, tau=0)").spec())
                .isEqualTo("kmeans(k=64, iter=10, seed=42)");
        assertThat(ChainSpec.parse("kmeans(64, tau=0.1)").spec())
                .isEqualTo("kmeans(k=64, tau=0.1, iter=10, seed=42)");
        assertThat(new NoveltyProgressive(2).spec())
                .isEqualTo(
                        "novelty(budget=2, base=0, key=2, cut=0.5, min=0.05, memory=0,"
                                + " scope=global)");
        assertThat(ChainSpec.parse("richness(0.25) > frame > pool").spec())
                .isEqualTo(
                        "richness(rho=0.25, min=4, max=64, cells=false) > frame(pooled=false) >"
                                + " pool(g=2)");
    }
}
