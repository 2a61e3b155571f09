package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.tokens.Token;
import java.util.List;

/** Token comparisons with a float tolerance. */
final class Assertions2 {
    private Assertions2() {}

    static void assertSameTokens(List<Token> actual, List<Token> expected) {
        assertSameTokens(actual, expected, true);
    }

    /**
     * Same vectors, positions and frames; spans too when exactSpan, else actual span at most the
     * expected one (a composed W counts a patch reached by two paths once).
     */
    static void assertSameTokens(List<Token> actual, List<Token> expected, boolean exactSpan) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            Token a = actual.get(i);
            Token e = expected.get(i);
            assertThat(a.frame()).as("frame of %d", i).isEqualTo(e.frame());
            if (exactSpan) {
                assertThat(a.span()).as("span of %d", i).isEqualTo(e.span());
            } else {
                assertThat(a.span()).as("span of %d", i).isLessThanOrEqualTo(e.span());
            }
            assertThat(a.row()).as("row of %d", i).isCloseTo(e.row(), within(1e-4f));
            assertThat(a.col()).as("col of %d", i).isCloseTo(e.col(), within(1e-4f));
            assertThat(a.vector()).as("vector of %d", i).hasSameSizeAs(e.vector());
            for (int d = 0; d < a.dim(); d++) {
                assertThat(a.vector()[d]).isCloseTo(e.vector()[d], within(1e-4f));
            }
        }
    }
}
