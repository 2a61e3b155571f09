package dev.skim.eval;

import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.compression.ChainSpecException;
import dev.skim.core.compression.DefaultChains;
import dev.skim.video.cli.CliException;
import dev.skim.video.cli.ExitCode;

/**
 * A chain spec with an optional budget placeholder {@code {B}}: {@code gate > novelty({B}) >
 * divprune({B})} at budget 16 is {@code gate > novelty(16) > divprune(16)}. A spec without {@code
 * {B}} has a fixed budget and is evaluated once, whatever budgets are asked for.
 *
 * @param text the spec as given
 */
public record ChainTemplate(String text) {
    /** The placeholder a budget replaces. */
    public static final String PLACEHOLDER = "{B}";

    /** The compressor's FAST chain, parameterised by the budget ({@link DefaultChains}). */
    public static final String DEFAULT = DefaultChains.FAST_TEMPLATE;

    public ChainTemplate {
        if (text == null || text.isBlank()) {
            throw new CliException(ExitCode.USAGE, "empty chain spec (--chain)");
        }
        text = text.trim();
    }

    /** Whether the spec has the {@code {B}} placeholder. */
    public boolean hasBudget() {
        return text.contains(PLACEHOLDER);
    }

    /** The spec text at a budget (the text itself when it has no placeholder). */
    public String at(int budget) {
        return text.replace(PLACEHOLDER, Integer.toString(budget));
    }

    /**
     * Parses the chain at a budget.
     *
     * @throws CliException USAGE naming the bad part of the spec (unknown operator, bad value)
     */
    public Chain parse(int budget) {
        String spec = at(budget);
        try {
            return ChainSpec.parse(spec);
        } catch (ChainSpecException e) {
            throw new CliException(
                    ExitCode.USAGE,
                    "bad --chain '"
                            + text
                            + "'"
                            + (hasBudget() ? " at budget " + budget : "")
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
