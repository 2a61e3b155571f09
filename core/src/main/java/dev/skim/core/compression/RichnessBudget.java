package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * Richness budget, the training-free form of LangDC ("Seeing More, Saying More: Lightweight
 * Language Experts are Dynamic Video Token Compressors"): the token count follows the scene's
 * richness instead of a fixed ratio.
 *
 * <p>Richness is measured by greedy k-center with a radius stop rule: add centres until max_i min_c
 * d(x_i, c) &lt;= rho (d = 1 - cos), clamped to [min, max] centres. A plain scene needs few
 * centres, a busy one many. Output = the centres (or their Voronoi-cell means with {@code cells}).
 * Use it on a clip (window) instead of a fixed-k DivPrune / k-center when scenes vary.
 */
public final class RichnessBudget extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("richness", "LangDC")
                    .summary(
                            "as many k-center tokens as the scene needs to be covered within rho"
                                    + " (1 - cos), between min and max")
                    .example("richness(0.25)")
                    .param(Param.ofFloat("rho").between("0", "2"))
                    .param(Param.ofInt("min").withDefault("4").atLeast("1"))
                    .param(Param.ofInt("max").withDefault("64").atLeast("min"))
                    .param(Param.ofBool("cells", false))
                    .budget((a, in) -> a.intValue("max"))
                    .factory(
                            a ->
                                    new RichnessBudget(
                                            a.floatValue("rho"),
                                            a.intValue("min"),
                                            a.intValue("max"),
                                            a.boolValue("cells")));

    private final float rho;
    private final int min;
    private final int max;
    private final boolean cells;

    /**
     * @param rho covering radius in 1 - cos, in [0, 2]
     * @param min fewest tokens kept (when the input has that many)
     * @param max most tokens kept
     * @param cells output Voronoi-cell means instead of the centres
     */
    public RichnessBudget(float rho, int min, int max, boolean cells) {
        super(DEFINITION.arguments(rho, min, max, cells));
        this.rho = rho;
        this.min = min;
        this.max = max;
        this.cells = cells;
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        if (in.isEmpty()) {
            return Compressed.empty(0);
        }
        return KCenter.output(in, select(in), cells);
    }

    /** The budget this input earns: centres needed to cover it within rho, clamped. */
    public int budget(List<Token> in) {
        return in.isEmpty() ? 0 : select(in).picked().length;
    }

    private FarthestPoint.Selection select(List<Token> in) {
        UnitMatrix units = UnitMatrix.of(in);
        int first = FarthestPoint.farthestFromMean(units);
        FarthestPoint.Selection s = FarthestPoint.run(units, first, max, rho);
        if (s.picked().length < Math.min(min, in.size())) {
            s = FarthestPoint.run(units, first, min, -1f);
        }
        return s;
    }
}
