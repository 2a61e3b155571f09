package dev.skim.core.compression;

/**
 * What every operator of this package shares: the {@link Arguments} it was built with, checked
 * against its {@link OperatorDefinition} by the subclass constructor, from which {@link
 * TokenOperator} derives name, parameters and spec text.
 */
abstract class DefinedOperator implements TokenOperator {
    private final Arguments args;

    DefinedOperator(Arguments args) {
        this.args = args;
    }

    @Override
    public final Arguments arguments() {
        return args;
    }

    @Override
    public String toString() {
        return spec();
    }
}
