package dev.skim.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.ingest.FrameTopicReader;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.TestData;
import dev.skim.video.source.VideoFileSource;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(KafkaBrokerExtension.class)
class FramePublisherIT {

    private static final Logger LOG = LoggerFactory.getLogger(FramePublisherIT.class);

    @Test
    void shouldPublishEvery795FramesOfVtestInOrder(KafkaBroker broker) {
        var file = TestData.vtestAvi();
        PublishSummary summary;
        try (FramePublisher publisher =
                        FramePublisher.builder()
                                .bootstrapServers(broker.bootstrapServers())
                                .build();
                VideoFileSource source = VideoFileSource.open(file)) {
            // Downscaled: JPEG encoding is the slow part, and order, seq and pts do not depend on
            // size.
            summary =
                    publisher.publish(
                            "vtest",
                            source,
                            PublishOptions.defaults().withMaxSize(MaxSize.parse("384")));
        }
        LOG.info(
                "vtest.avi: {} frames, {} bytes in {} ms = {} fps, {} MB/s",
                summary.framesPublished(),
                summary.bytesPublished(),
                summary.elapsed().toMillis(),
                String.format("%.1f", summary.framesPerSecond()),
                String.format("%.2f", summary.megabytesPerSecond()));

        assertThat(summary.framesPublished()).isEqualTo(795);
        assertThat(summary.unreadableFrames()).isZero();
        assertThat(summary.firstSeq()).isZero();
        assertThat(summary.lastSeq()).isEqualTo(794);

        List<Frame> frames = FrameTopicReader.readStream(broker, "vtest");
        assertThat(frames).hasSize(795);
        assertThat(frames)
                .extracting(Frame::getSeq)
                .containsExactlyElementsOf(LongStream.range(0, 795).boxed().toList());
        assertThat(frames).extracting(Frame::getPtsMillis).isSorted();
        assertThat(frames.get(794).getPtsMillis())
                .as("~10 fps: last pts near 79.4 s")
                .isBetween(78_000L, 81_000L);
        assertThat(frames)
                .allSatisfy(
                        f -> {
                            assertThat(f.getWidth()).isEqualTo(384);
                            assertThat(f.getHeight()).isEqualTo(288);
                            assertThat(f.getEncoding()).isEqualTo(ImageEncoding.JPEG);
                            assertThat(f.getStreamId()).isEqualTo("vtest");
                        });
    }

    @Test
    void shouldPublishTheSameSyntheticFramesOnEveryRun(KafkaBroker broker) {
        SyntheticSpec spec =
                SyntheticSpec.parse(
                        "synthetic:frames=40,fps=10,size=320x180,seed=7,scenes=2,events=2");
        // One record in flight and three encoder threads: order must still hold.
        try (FramePublisher publisher =
                FramePublisher.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .maxInFlight(1)
                        .encoderThreads(3)
                        .build()) {
            for (String stream : List.of("synthetic-a", "synthetic-b")) {
                try (SyntheticVideoSource source = SyntheticVideoSource.of(spec)) {
                    PublishSummary summary =
                            publisher.publish(stream, source, PublishOptions.defaults());
                    assertThat(summary.framesPublished()).isEqualTo(40);
                }
            }
            PublisherMetrics.Snapshot metrics = publisher.metrics().snapshot();
            assertThat(metrics.framesSent()).isEqualTo(80);
            assertThat(metrics.framesAcked()).isEqualTo(80);
            assertThat(metrics.errors()).isZero();
            assertThat(metrics.bytesAcked()).isPositive();
            assertThat(publisher.nextSeq("synthetic-a")).isEqualTo(40);
        }
        List<Frame> a = FrameTopicReader.readStream(broker, "synthetic-a");
        List<Frame> b = FrameTopicReader.readStream(broker, "synthetic-b");
        assertThat(a).hasSize(40);
        assertThat(a)
                .extracting(Frame::getSeq)
                .containsExactlyElementsOf(LongStream.range(0, 40).boxed().toList());
        assertThat(a)
                .extracting(Frame::getPtsMillis)
                .containsExactlyElementsOf(
                        LongStream.range(0, 40).map(i -> i * 100).boxed().toList());
        assertThat(b)
                .extracting(Frame::getData)
                .containsExactlyElementsOf(a.stream().map(Frame::getData).toList());
        assertThat(a.get(0).getData()).isNotEqualTo(a.get(1).getData());
    }
}
