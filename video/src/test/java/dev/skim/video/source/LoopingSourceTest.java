package dev.skim.video.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.video.SourceFrame;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopingSourceTest {

    @Test
    void shouldReplayWithRisingPresentationTimes() {
        SyntheticSpec spec =
                SyntheticSpec.parse("synthetic:frames=3,fps=10,size=64x48,scenes=1,events=0");
        List<Long> pts = new ArrayList<>();
        try (LoopingSource source = new LoopingSource(() -> SyntheticVideoSource.of(spec), 3)) {
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                pts.add(f.get().ptsMillis());
            }
        }
        assertThat(pts).containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L);
    }
}
