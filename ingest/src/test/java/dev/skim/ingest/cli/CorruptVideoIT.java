package dev.skim.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Frame;
import dev.skim.ingest.FrameTopicReader;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.DamagedVideos;
import dev.skim.video.TestData;
import dev.skim.video.TestVideos;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on video files damaged at test time, against a real broker: what FFmpeg can decode is
 * published with contiguous seq and ordered pts, the rest is reported, and exit codes say which.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CorruptVideoIT {

    private static final Pattern SUMMARY =
            Pattern.compile(
                    ": (\\d+) frames published .*, (\\d+) unreadable, (\\d+) damaged, 0 skipped");

    @TempDir Path temp;

    /** Published, unreadable and damaged counts from the CLI's summary line. */
    private record Counts(long published, long unreadable, long damaged) {
        static Counts of(CliRun run) {
            Matcher m = SUMMARY.matcher(run.out());
            assertThat(m.find()).as(run.out()).isTrue();
            return new Counts(
                    Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)));
        }
    }

    private static CliRun publish(KafkaBroker broker, String streamId, Path file) {
        return CliRun.of(
                "--no-progress",
                "-b",
                broker.bootstrapServers(),
                "-s",
                streamId,
                "--max-size",
                "160",
                file.toString());
    }

    private static void assertInTopic(KafkaBroker broker, String streamId, long published) {
        List<Frame> frames = FrameTopicReader.readStream(broker, streamId);
        assertThat(frames)
                .extracting(Frame::getSeq)
                .containsExactlyElementsOf(LongStream.range(0, published).boxed().toList());
        assertThat(frames).extracting(Frame::getPtsMillis).isSorted();
    }

    @Test
    void shouldPublishEveryFrameOfAnAviWithFlippedBytesAndWarnOfTheDamage(KafkaBroker broker)
            throws Exception {
        Path flipped =
                DamagedVideos.flipBytesInTheMiddle(
                        TestData.vtestAvi(), temp.resolve("flipped.avi"), 200, 14);

        CliRun run = publish(broker, "corrupt-flipped", flipped);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Counts counts = Counts.of(run);
        assertThat(counts.published()).isBetween(795L * 8 / 10, 795L);
        assertThat(counts.unreadable()).isEqualTo(795 - counts.published());
        assertThat(counts.damaged()).isPositive();
        assertThat(run.err())
                .contains("warning: corrupt-flipped: " + counts.damaged() + " frame(s) had decode");
        assertInTopic(broker, "corrupt-flipped", counts.published());
    }

    @Test
    void shouldPublishTheFramesBeforeTheCutOfAnMp4AndReportTheRest(KafkaBroker broker)
            throws Exception {
        Path mp4 = TestVideos.h264Mp4(TestData.vtestAvi(), temp.resolve("clip.mp4"), 120, true);
        Path cut = DamagedVideos.cut(mp4, temp.resolve("clip-cut.mp4"), 0.5);

        CliRun run = publish(broker, "corrupt-cut", cut);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Counts counts = Counts.of(run);
        assertThat(counts.published()).isBetween(120L * 35 / 100, 120L * 65 / 100);
        assertThat(counts.unreadable()).isEqualTo(120 - counts.published());
        assertThat(run.err())
                .contains(
                        "warning: corrupt-cut: "
                                + counts.unreadable()
                                + " frame(s) could not be read");
        assertInTopic(broker, "corrupt-cut", counts.published());
    }

    @Test
    void shouldFailWithExitCode4WhenAFileOpensButNoFrameDecodes(KafkaBroker broker)
            throws Exception {
        Path mp4 = TestVideos.h264Mp4(TestData.vtestAvi(), temp.resolve("clip.mp4"), 30, true);
        Path noMedia = DamagedVideos.zeroMp4Box(mp4, temp.resolve("no-media.mp4"), "mdat");

        CliRun run = publish(broker, "corrupt-no-media", noMedia);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        assertThat(run.err())
                .contains("Cannot decode any frame of " + noMedia.toAbsolutePath())
                .contains("30 frames stated by the container");
        assertThat(FrameTopicReader.readStream(broker, "corrupt-no-media")).isEmpty();
    }
}
