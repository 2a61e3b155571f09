package dev.skim.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.ingest.IngestException;
import org.junit.jupiter.api.Test;

class MaxSizeTest {

    @Test
    void shouldFitKeepingTheAspectRatio() {
        assertThat(MaxSize.parse("320").fit(768, 576)).containsExactly(320, 240);
        assertThat(MaxSize.parse("640x360").fit(1920, 1080)).containsExactly(640, 360);
        assertThat(MaxSize.parse("640x640").fit(1080, 1920)).containsExactly(360, 640);
    }

    @Test
    void shouldNeverUpscale() {
        assertThat(MaxSize.parse("1280").fit(768, 576)).containsExactly(768, 576);
    }

    @Test
    void shouldRejectBadSizesWithTheInput() {
        assertThatThrownBy(() -> MaxSize.parse("640by360"))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("640by360");
        assertThatThrownBy(() -> MaxSize.parse("0x10")).isInstanceOf(IngestException.class);
    }
}
