package dev.skim.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Frame;
import dev.skim.ingest.FrameTopicReader;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.SourceFrame;
import dev.skim.video.TestData;
import dev.skim.video.source.VideoFileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Publishing real video files: sampling, downscaling and a truncated file. */
@ExtendWith(KafkaBrokerExtension.class)
class VideoPublishingIT {

    @TempDir Path temp;

    private static FramePublisher publisher(KafkaBroker broker) {
        return FramePublisher.builder().bootstrapServers(broker.bootstrapServers()).build();
    }

    /** Expected count at {@code fps}, computed from the decoded presentation times alone. */
    private static long slotsImpliedByPts(Path file, double fps) {
        List<Long> pts = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(file)) {
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                pts.add(f.get().ptsMillis());
            }
        }
        long origin = pts.get(0);
        return pts.stream()
                .map(p -> (long) Math.floor((p - origin) / (1000.0 / fps)))
                .distinct()
                .count();
    }

    @Test
    void shouldPublishAsManyFramesAsThePresentationTimesImplyAtTwoFps(KafkaBroker broker) {
        Path file = TestData.vtestAvi();
        long expected = slotsImpliedByPts(file, 2);
        PublishSummary summary;
        try (FramePublisher publisher = publisher(broker);
                VideoFileSource source = VideoFileSource.open(file)) {
            summary =
                    publisher.publish(
                            "vtest-2fps",
                            source,
                            PublishOptions.defaults()
                                    .withTargetFps(2)
                                    .withMaxSize(MaxSize.parse("320")));
        }
        assertThat(expected).isEqualTo(159); // 79.4 s at 2 fps: slots 0..158
        assertThat(summary.framesPublished()).isEqualTo(expected);
        assertThat(summary.skippedBySampling()).isEqualTo(795 - expected);

        List<Frame> frames = FrameTopicReader.readStream(broker, "vtest-2fps");
        assertThat(frames).hasSize((int) expected);
        assertThat(frames)
                .extracting(Frame::getSeq)
                .containsExactlyElementsOf(LongStream.range(0, expected).boxed().toList());
        assertThat(frames).extracting(Frame::getPtsMillis).startsWith(0L, 500L, 1000L).isSorted();
        assertThat(frames)
                .allSatisfy(
                        f -> {
                            assertThat(f.getWidth()).isEqualTo(320);
                            assertThat(f.getHeight()).isEqualTo(240);
                        });
    }

    @Test
    void shouldPublishTheReadableFramesOfATruncatedFileAndReportTheRest(KafkaBroker broker)
            throws Exception {
        byte[] full = Files.readAllBytes(TestData.vtestAvi());
        Path truncated =
                Files.write(
                        temp.resolve("vtest-60pct.avi"), Arrays.copyOf(full, full.length * 6 / 10));
        PublishSummary summary;
        try (FramePublisher publisher = publisher(broker);
                VideoFileSource source = VideoFileSource.open(truncated)) {
            summary =
                    publisher.publish(
                            "vtest-truncated",
                            source,
                            PublishOptions.defaults().withMaxSize(MaxSize.parse("320")));
        }
        assertThat(summary.framesPublished()).isBetween(300L, 600L);
        assertThat(summary.unreadableFrames()).isEqualTo(795 - summary.framesPublished());

        List<Frame> frames = FrameTopicReader.readStream(broker, "vtest-truncated");
        assertThat(frames).hasSize((int) summary.framesPublished());
        assertThat(frames)
                .extracting(Frame::getSeq)
                .containsExactlyElementsOf(
                        LongStream.range(0, summary.framesPublished()).boxed().toList());
        assertThat(frames).extracting(Frame::getPtsMillis).isSorted();
    }
}
