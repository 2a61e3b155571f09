package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainSpecTest {

    @Test
    void shouldParseTheDefaultChains() {
        Chain fast = ChainSpec.parse(DefaultChains.fast());
        assertThat(fast.operators())
                .hasExactlyElementsOfTypes(FrameGate.class, NoveltyProgressive.class);
        assertThat(fast.operators().get(0).params()).containsEntry("threshold", "0.0");
        assertThat(fast.operators().get(1).params())
                .containsEntry("budget", Integer.toString(DefaultChains.FAST_BUDGET));
        assertThat(ChainSpec.parse(DefaultChains.SLOW).operators())
                .hasExactlyElementsOfTypes(DivPrune.class);
    }

    @Test
    void shouldParseTheDesignExample() {
        Chain c = ChainSpec.parse("gate(0.02) > novelty(64, base=16) > divprune(64)");
        assertThat(c.operators())
                .hasExactlyElementsOfTypes(
                        FrameGate.class, NoveltyProgressive.class, DivPrune.class);
        assertThat(c.operators().get(1).params())
                .containsEntry("budget", "64")
                .containsEntry("base", "16")
                .containsEntry("key", "64");
        assertThat(c.spec())
                .isEqualTo(
                        "gate(threshold=0.02, factor=2.0, floor=8, regions=4) > novelty(budget=64, base=16, key=64, cut=0.5,"
                                + " min=0.05, memory=0, scope=global) > divprune(k=64, seed=nn)");
    }

    @Test
    void shouldReparseItsOwnCanonicalSpec() {
        for (String s :
                List.of(
                        "pool",
                        "pool(4) > frame(pooled=true)",
                        "kcenter(58, cells=true)",
                        "merge(k=32)",
                        "kmeans(64, tau=0.1, iter=5, seed=3)",
                        "richness(0.25, min=8, max=128)",
                        "attention(48, context=16) > divprune(8)",
                        "divprune(64, seed=mean)",
                        "novelty(16, scope=cell)")) {
            Chain c = ChainSpec.parse(s);
            assertThat(ChainSpec.parse(c.spec()).spec()).as(s).isEqualTo(c.spec());
        }
    }

    @Test
    void shouldNameAnUnknownOperatorWithTheKnownOnes() {
        assertThatThrownBy(() -> ChainSpec.parse("gate(0.02) > divprun(64)"))
                .isInstanceOf(ChainSpecException.class)
                .hasMessageContaining(
                        "unknown operator 'divprun' (known: attention, divprune, frame,")
                .hasMessageContaining("at position 13")
                .satisfies(e -> assertThat(((ChainSpecException) e).position()).isEqualTo(13));
    }

    @Test
    void shouldNameABadNumberAndWhereItIs() {
        assertThatThrownBy(() -> ChainSpec.parse("novelty(64, base=x16)"))
                .hasMessageContaining(
                        "bad value 'x16' for novelty parameter 'base': expected an integer")
                .hasMessageContaining("at position 17");
        assertThatThrownBy(() -> ChainSpec.parse("gate(fast)"))
                .hasMessageContaining(
                        "bad value 'fast' for gate parameter 'threshold': expected a number");
    }

    @Test
    void shouldNameAMissingParameter() {
        assertThatThrownBy(() -> ChainSpec.parse("divprune()"))
                .hasMessageContaining("missing parameter 'k' of divprune (divprune(k, seed?))");
    }

    @Test
    void shouldRejectUnknownRepeatedAndSurplusParameters() {
        assertThatThrownBy(() -> ChainSpec.parse("merge(k=4, r=2)"))
                .hasMessageContaining("unknown parameter 'r' of merge");
        assertThatThrownBy(() -> ChainSpec.parse("merge(4, k=2)"))
                .hasMessageContaining("parameter 'k' of merge given twice");
        assertThatThrownBy(() -> ChainSpec.parse("merge(4, 5)"))
                .hasMessageContaining("too many values for merge");
        assertThatThrownBy(() -> ChainSpec.parse("attention(k=4, 2)"))
                .hasMessageContaining("positional value '2' after a named one");
    }

    @Test
    void shouldPassOnTheOperatorsOwnValidation() {
        assertThatThrownBy(() -> ChainSpec.parse("pool > divprune(0)"))
                .hasMessageContaining("bad parameters for divprune: divprune k must be >= 1, was 0")
                .hasMessageContaining("at position 7");
        assertThatThrownBy(() -> ChainSpec.parse("divprune(4, seed=random)"))
                .hasMessageContaining("expected one of nn, mean");
    }

    @Test
    void shouldNameTheBoundsOfAParameterOutsideThem() {
        assertThatThrownBy(() -> ChainSpec.parse("gate > novelty(8, base=9)"))
                .hasMessageContaining(
                        "bad parameters for novelty: novelty base must be in [0, budget=8], was 9")
                .hasMessageContaining("at position 7");
        assertThatThrownBy(() -> ChainSpec.parse("richness(0.2, min=8, max=4)"))
                .hasMessageContaining("richness max must be >= min=8, was 4");
        assertThatThrownBy(() -> ChainSpec.parse("gate(2.5)"))
                .hasMessageContaining("gate threshold must be in [0, 2], was 2.5");
    }

    @Test
    void shouldRejectBrokenSyntax() {
        assertThatThrownBy(() -> ChainSpec.parse("")).hasMessageContaining("empty chain spec");
        assertThatThrownBy(() -> ChainSpec.parse("pool(2"))
                .hasMessageContaining(
                        "expected ',' or ')' in the parameters of pool but the spec ended");
        assertThatThrownBy(() -> ChainSpec.parse("pool(2) divprune(4)"))
                .hasMessageContaining("expected '>' between operators but found 'd'")
                .hasMessageContaining("at position 8");
        assertThatThrownBy(() -> ChainSpec.parse("pool >"))
                .hasMessageContaining("expected an operator name but the spec ended");
    }
}
