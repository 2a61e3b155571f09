package dev.skim.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.video.DamagedVideos;
import dev.skim.video.TestData;
import dev.skim.video.TestVideos;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument errors and failures the CLI reports before or without a broker. */
class IngestCommandTest {

    @TempDir Path temp;

    @Test
    void shouldAskForASource() {
        CliRun run = CliRun.of("--no-progress");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter").contains("SOURCE");
    }

    @Test
    void shouldRejectAJpegQualityOutOfRange() {
        CliRun run = CliRun.of("--jpeg-quality", "0", "synthetic:");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--jpeg-quality must be in 1..100, was 0");
    }

    @Test
    void shouldRejectAMismatchedNumberOfStreamIds() {
        CliRun run = CliRun.of("-s", "a", "synthetic:", "synthetic:seed=2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("1 stream id(s) for 2 source(s)");
    }

    @Test
    void shouldRejectABadMaxSizeAndDuration() {
        assertThat(CliRun.of("--max-size", "big", "synthetic:").err())
                .contains("Bad max size 'big'");
        CliRun run = CliRun.of("--kafka-timeout", "soon", "synthetic:");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'soon' is not a duration");
    }

    @Test
    void shouldRejectAnUnknownWireFormatOrARegistryWithoutUrl() {
        CliRun run = CliRun.of("--serde-format", "xml", "synthetic:");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--serde-format must be single-object or registry, was xml");
        run = CliRun.of("--serde-format", "registry", "synthetic:");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--serde-format registry needs --registry-url");
        run = CliRun.of("--serde-format", "registry", "--registry-url", "ftp://x", "synthetic:");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ftp://x");
    }

    @Test
    void shouldRejectEventsOutWithoutASyntheticSource() throws IOException {
        Path video = Files.writeString(temp.resolve("v.mp4"), "x");
        CliRun run = CliRun.of("--events-out", temp.resolve("e.json").toString(), video.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--events-out needs a synthetic: source");
    }

    @Test
    void shouldSayFileNotFoundWithExitCode3() {
        CliRun run = CliRun.of("--no-progress", temp.resolve("nope.mp4").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("Video file not found").contains("nope.mp4");
    }

    @Test
    void shouldSayUnsupportedFormatWithExitCode4() throws IOException {
        Path notVideo =
                Files.writeString(
                        temp.resolve("notes.avi"), "plain text, not a video\n".repeat(50));
        CliRun run = CliRun.of("--no-progress", notVideo.toString());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("Cannot open").contains("notes.avi");
    }

    @Test
    void shouldSayWhyAFileFfmpegCannotOpenIsNoVideoWithExitCode4() throws Exception {
        Path random = DamagedVideos.randomBytes(temp.resolve("random.mp4"), 50_000, 9);
        Path empty = Files.write(temp.resolve("empty.avi"), new byte[0]);
        Path recording =
                TestVideos.h264Mp4(TestData.vtestAvi(), temp.resolve("rec.mp4"), 30, false);
        Path noIndex = DamagedVideos.eraseMp4Box(recording, temp.resolve("no-moov.mp4"), "moov");
        for (Path file : List.of(random, empty, noIndex)) {
            CliRun run = CliRun.of("--no-progress", file.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
            assertThat(run.err()).contains("Cannot open " + file.toAbsolutePath());
        }
        assertThat(CliRun.of("--no-progress", empty.toString()).err())
                .contains("the file is empty (0 bytes)");
        assertThat(CliRun.of("--no-progress", noIndex.toString()).err())
                .contains("moov atom not found");
    }

    @Test
    void shouldRefuseANetworkSchemeThatIsNotAllowedWithoutShowingCredentials() {
        CliRun run = CliRun.of("--no-progress", "rtsp://admin:secret@10.1.2.3/stream");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err())
                .contains("'rtsp' is not allowed")
                .contains("--allow-scheme rtsp")
                .doesNotContain("secret");
    }

    @Test
    void shouldRejectABadSyntheticSpecAsUsageError() {
        CliRun run = CliRun.of("--no-progress", "synthetic:frames=-3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Bad synthetic spec").contains("frames must be >= 1");
    }

    @Test
    void shouldSayCameraNotFound() {
        CliRun run = CliRun.of("--no-progress", "camera:/dev/video97");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("No camera at /dev/video97");
    }

    @Test
    void shouldFailWithExitCode5WhenTheBrokerIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run =
                CliRun.of(
                        "--no-progress",
                        "-b",
                        "127.0.0.1:" + closedPort,
                        "--kafka-timeout",
                        "2s",
                        "synthetic:frames=5,size=64x48");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
        assertThat(run.err())
                .contains("Kafka at 127.0.0.1:" + closedPort)
                .contains("within 2 s")
                .contains("no broker answered");
    }

    @Test
    void shouldListExitCodesInTheHelp() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Exit codes:")
                .contains("Kafka could not be reached in time")
                .contains("synthetic:frames=");
    }

    @Test
    void shouldDeriveStreamIdsFromSources() {
        assertThat(SourceFactory.defaultStreamId("/data/videos/Lobby Cam.mp4"))
                .isEqualTo("Lobby-Cam");
        assertThat(SourceFactory.defaultStreamId("rtsp://user:pw@cam.local:554/live/main"))
                .isEqualTo("cam.local-live-main");
        assertThat(SourceFactory.defaultStreamId("synthetic:seed=3")).isEqualTo("synthetic");
        assertThat(SourceFactory.defaultStreamId("camera:/dev/video0")).isEqualTo("camera-video0");
    }
}
