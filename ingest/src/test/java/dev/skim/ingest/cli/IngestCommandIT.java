package dev.skim.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Frame;
import dev.skim.ingest.FrameTopicReader;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.TestData;
import dev.skim.video.synthetic.GroundTruth;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class IngestCommandIT {

    @Test
    void shouldPublishTwoSourcesInParallelAndWriteGroundTruth(
            KafkaBroker broker, @TempDir Path temp) {
        Path events = temp.resolve("events.json");
        CliRun run =
                CliRun.of(
                        "--no-progress",
                        "-b",
                        broker.bootstrapServers(),
                        "-s",
                        "cli-synthetic",
                        "-s",
                        "cli-vtest",
                        "--events-out",
                        events.toString(),
                        "--max-frames",
                        "25",
                        "--max-size",
                        "320",
                        "synthetic:frames=60,size=320x180,seed=5,events=2",
                        TestData.vtestAvi().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("cli-synthetic: 25 frames published")
                .contains("cli-vtest: 25 frames published");
        GroundTruth truth = GroundTruth.readJson(events);
        assertThat(truth.events()).hasSize(2);
        assertThat(truth.spec().seed()).isEqualTo(5);
        for (String stream : List.of("cli-synthetic", "cli-vtest")) {
            List<Frame> frames = FrameTopicReader.readStream(broker, stream);
            assertThat(frames)
                    .extracting(Frame::getSeq)
                    .containsExactlyElementsOf(LongStream.range(0, 25).boxed().toList());
        }
    }
}
