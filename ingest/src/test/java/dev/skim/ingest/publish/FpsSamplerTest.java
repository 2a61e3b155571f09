package dev.skim.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FpsSamplerTest {

    private static List<Long> kept(double fps, long... pts) {
        FpsSampler sampler = new FpsSampler(fps);
        return LongStream.of(pts).filter(sampler::accept).boxed().toList();
    }

    @Test
    void shouldKeepOneFrameInFiveWhenSampling10FpsTo2() {
        long[] pts = LongStream.range(0, 50).map(i -> i * 100).toArray();
        assertThat(kept(2, pts))
                .containsExactly(0L, 500L, 1000L, 1500L, 2000L, 2500L, 3000L, 3500L, 4000L, 4500L);
    }

    @Test
    void shouldSampleByPresentationTimeNotByFrameIndex() {
        // A burst of frames, then a gap: index-based sampling would keep every 5th frame.
        assertThat(kept(2, 0, 10, 20, 30, 40, 50, 1200, 1210, 1700, 2600))
                .containsExactly(0L, 1200L, 1700L, 2600L);
    }

    @Test
    void shouldCountSlotsFromTheFirstFrame() {
        assertThat(kept(1, 5000, 5400, 5999, 6000, 6999, 7001))
                .containsExactly(5000L, 6000L, 7001L);
    }

    @Test
    void shouldKeepEveryFrameWhenFpsIsZero() {
        assertThat(kept(0, 0, 0, 1, 2)).containsExactly(0L, 0L, 1L, 2L);
    }
}
