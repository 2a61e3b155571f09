package dev.skim.compressor.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TaggingTest {

    private static Tagging every(long millis) {
        return new Tagging(new TaggerPool(List.of()), 640, 0.9f, millis);
    }

    private static List<Long> tagged(Tagging t, long size, int windows) {
        return LongStream.range(0, windows)
                .map(i -> i * size)
                .filter(start -> t.wants(start, start + size))
                .boxed()
                .toList();
    }

    @Test
    void shouldTagTheWindowsThatContainAMultipleOfTheInterval() {
        assertThat(tagged(every(10_000), 2000, 15)).containsExactly(0L, 10_000L, 20_000L);
        // windows that do not divide the interval: the one that holds the multiple
        assertThat(tagged(every(10_000), 3000, 10)).containsExactly(0L, 9000L, 18_000L);
    }

    @Test
    void shouldTagEveryWindowWhenTheIntervalIsZeroOrShorterThanAWindow() {
        assertThat(tagged(every(0), 2000, 5)).hasSize(5);
        assertThat(tagged(every(500), 2000, 5)).hasSize(5);
    }

    @Test
    void shouldRefuseANegativeInterval() {
        assertThatThrownBy(() -> every(-1)).hasMessageContaining("everyMillis must be >= 0");
    }
}
