package dev.skim.video.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.video.DamagedVideos;
import dev.skim.video.FrameSourceException;
import dev.skim.video.SourceFrame;
import dev.skim.video.TestData;
import dev.skim.video.TestVideos;
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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Video files damaged at test time from a valid clip: every frame FFmpeg can decode comes out, in
 * order; what is lost or damaged is counted; what cannot be opened is a clear error. The timeout is
 * a guard against a hang, not a timing assertion.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CorruptVideoFileTest {

    /** The valid clips that get damaged: two containers, two codecs. */
    enum Clip {
        /** vtest.avi as it is: MPEG-4 part 2 in AVI, 795 frames, 10 fps. */
        AVI_MPEG4(795),
        /** The first 120 frames of vtest.avi as H.264 in MP4, index (moov) first. */
        MP4_H264(120);

        final int frames;

        Clip(int frames) {
            this.frames = frames;
        }

        Path write(Path dir) throws Exception {
            return switch (this) {
                case AVI_MPEG4 -> TestData.vtestAvi();
                case MP4_H264 ->
                        TestVideos.h264Mp4(
                                TestData.vtestAvi(), dir.resolve("vtest-120.mp4"), frames, true);
            };
        }

        String extension() {
            return this == AVI_MPEG4 ? "avi" : "mp4";
        }
    }

    /** What reading a whole file gave. */
    private record Read(List<Long> pts, long unreadable, long damaged, long stated) {}

    @TempDir Path temp;

    private static Read readAll(Path file) {
        try (VideoFileSource source = VideoFileSource.open(file)) {
            List<Long> pts = new ArrayList<>();
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                pts.add(f.get().ptsMillis());
            }
            return new Read(
                    pts,
                    source.unreadableFrames(),
                    source.damagedFrames(),
                    source.expectedFrames().orElse(-1));
        }
    }

    private static void assertUnsupported(Path file, String... details) {
        assertThatThrownBy(() -> readAll(file))
                .isInstanceOfSatisfying(
                        FrameSourceException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(FrameSourceException.Reason.UNSUPPORTED_FORMAT))
                .hasMessageContaining(file.getFileName().toString())
                .satisfies(e -> assertThat(e.getMessage()).contains(details));
    }

    @ParameterizedTest
    @EnumSource(Clip.class)
    void shouldReadTheUndamagedClipWhole(Clip clip) throws Exception {
        Read read = readAll(clip.write(temp));
        assertThat(read.pts()).hasSize(clip.frames).isSorted();
        assertThat(read.stated()).isEqualTo(clip.frames);
        assertThat(read.unreadable()).isZero();
        assertThat(read.damaged()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Clip.class)
    void shouldReadEveryDecodableFrameAroundFlippedBytesAndCountTheDamage(Clip clip)
            throws Exception {
        Path flipped =
                DamagedVideos.flipBytesInTheMiddle(
                        clip.write(temp), temp.resolve("flipped." + clip.extension()), 200, 14);

        Read read = readAll(flipped);

        assertThat(read.pts()).hasSizeBetween(clip.frames * 8 / 10, clip.frames).isSorted();
        assertThat(read.unreadable()).isEqualTo(clip.frames - read.pts().size());
        // FFmpeg conceals most bit errors rather than dropping frames; those frames are counted.
        assertThat(read.damaged()).isPositive().isLessThanOrEqualTo(read.pts().size());
    }

    @ParameterizedTest
    @EnumSource(Clip.class)
    void shouldReadTheFramesBeforeACutInTheMiddleOfAGopAndCountTheRest(Clip clip) throws Exception {
        Path whole = clip.write(temp);
        long lastPtsOfWhole = readAll(whole).pts().get(clip.frames - 1);
        Path cut = DamagedVideos.cut(whole, temp.resolve("cut." + clip.extension()), 0.5);

        Read read = readAll(cut);

        assertThat(read.pts())
                .hasSizeBetween(clip.frames * 35 / 100, clip.frames * 65 / 100)
                .isSorted();
        assertThat(read.pts().get(read.pts().size() - 1)).isLessThan(lastPtsOfWhole);
        assertThat(read.unreadable()).isEqualTo(clip.frames - read.pts().size());
    }

    @Test
    void shouldReadEveryFrameOfAnAviWhoseIndexIsRemovedOrZeroed() throws IOException {
        Path vtest = TestData.vtestAvi();
        for (Path damaged :
                List.of(
                        DamagedVideos.removeAviIndex(vtest, temp.resolve("no-index.avi")),
                        DamagedVideos.zeroAviIndex(vtest, temp.resolve("zero-index.avi")))) {
            Read read = readAll(damaged);
            assertThat(read.pts()).as(damaged.toString()).hasSize(795).isSorted();
            assertThat(read.pts().get(794)).isEqualTo(79_400L);
            assertThat(read.unreadable()).isZero();
        }
    }

    @Test
    void shouldSayAnMp4WithoutItsIndexCannotBeOpened() throws Exception {
        // A recording stopped before it wrote its moov box: moov at the end, then gone.
        Path recording =
                TestVideos.h264Mp4(TestData.vtestAvi(), temp.resolve("recording.mp4"), 120, false);
        assertThat(DamagedVideos.moovFirst(recording)).isFalse();

        assertUnsupported(
                DamagedVideos.cut(recording, temp.resolve("recording-cut.mp4"), 0.5),
                "Cannot open",
                "moov atom not found");
        assertUnsupported(
                DamagedVideos.eraseMp4Box(recording, temp.resolve("recording-no-moov.mp4"), "moov"),
                "Cannot open",
                "moov atom not found");
        assertUnsupported(
                DamagedVideos.zeroMp4Box(
                        recording, temp.resolve("recording-empty-moov.mp4"), "moov"),
                "Cannot open",
                "no video or audio stream FFmpeg can read");
    }

    @Test
    void shouldSayWhenAFileOpensButNoFrameDecodes() throws Exception {
        Path mp4 = Clip.MP4_H264.write(temp);
        assertUnsupported(
                DamagedVideos.zeroMp4Box(mp4, temp.resolve("zero-media.mp4"), "mdat"),
                "Cannot decode any frame",
                "120 frames stated by the container");
    }

    @Test
    void shouldRefuseFilesThatAreNoVideoAtAll() throws IOException {
        assertUnsupported(
                DamagedVideos.randomBytes(temp.resolve("random.mp4"), 100_000, 3), "Cannot open");
        assertUnsupported(
                DamagedVideos.randomBytes(temp.resolve("random.avi"), 100_000, 4), "Cannot open");
        assertUnsupported(
                Files.write(temp.resolve("empty.mp4"), new byte[0]),
                "Cannot open",
                "the file is empty (0 bytes)");
        assertUnsupported(
                Files.writeString(temp.resolve("notes.mp4"), "not a video\n".repeat(500)),
                "Cannot open",
                "Invalid data found when processing input");
    }
}
