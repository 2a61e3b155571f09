package dev.skim.video.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import dev.skim.video.TestData;
import dev.skim.video.TestVideos;
import dev.skim.video.synthetic.SyntheticSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoFileSourceTest {

    @TempDir Path temp;

    private static List<Long> readAllPts(VideoFileSource source) {
        List<Long> pts = new ArrayList<>();
        for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
            pts.add(f.get().ptsMillis());
        }
        return pts;
    }

    @Test
    void shouldDecodeEveryFrameOfVtestWithContainerTimestamps() {
        try (VideoFileSource source = VideoFileSource.open(TestData.vtestAvi())) {
            assertThat(source.expectedFrames()).hasValue(795);
            List<Long> pts = readAllPts(source);
            assertThat(pts).hasSize(795);
            assertThat(pts.get(0)).isZero();
            assertThat(pts.get(794)).isEqualTo(79_400L);
            assertThat(pts).isSorted();
            assertThat(source.unreadableFrames()).isZero();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldReadEveryReadableFrameOfATruncatedFileAndCountTheRest() throws IOException {
        byte[] full = Files.readAllBytes(TestData.vtestAvi());
        Path truncated = temp.resolve("vtest-60pct.avi");
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length * 6 / 10));
        try (VideoFileSource source = VideoFileSource.open(truncated)) {
            List<Long> pts = readAllPts(source);
            assertThat(pts).hasSizeBetween(300, 600);
            assertThat(pts).isSorted();
            assertThat(source.unreadableFrames()).isEqualTo(795 - pts.size());
        }
    }

    @ParameterizedTest
    @CsvSource({"mp4, mp4", "matroska, mkv", "mpegts, ts", "avi, avi"})
    void shouldReadEveryFrameWithItsTimeFromCommonContainers(String container, String extension)
            throws Exception {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:frames=20,fps=5,size=160x120,seed=1");
        Path file = TestVideos.write(temp.resolve("clip." + extension), container, spec);
        try (VideoFileSource source = VideoFileSource.open(file)) {
            assertThat(readAllPts(source))
                    .containsExactlyElementsOf(
                            java.util.stream.LongStream.range(0, 20)
                                    .map(i -> i * 200)
                                    .boxed()
                                    .toList());
            assertThat(source.unreadableFrames()).isZero();
        }
    }

    @Test
    void shouldSayFileNotFound() {
        assertThatThrownBy(() -> VideoFileSource.open(temp.resolve("missing.mp4")))
                .isInstanceOfSatisfying(
                        FrameSourceException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(FrameSourceException.Reason.SOURCE_NOT_FOUND))
                .hasMessageContaining("missing.mp4");
    }

    @Test
    void shouldSayWhenAFileIsNotAVideo() throws IOException {
        Path text =
                Files.writeString(temp.resolve("notes.mp4"), "this is not a video\n".repeat(100));
        assertThatThrownBy(() -> VideoFileSource.open(text))
                .isInstanceOfSatisfying(
                        FrameSourceException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(FrameSourceException.Reason.UNSUPPORTED_FORMAT))
                .hasMessageContaining("notes.mp4");
    }
}
