package dev.skim.video.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.video.FrameSourceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void shouldMaskUserinfoAndSecretsInAnyText() {
        assertThat(UrlMasking.mask("cannot open rtsp://admin:s3cret@10.0.0.5:554/stream1 now"))
                .isEqualTo("cannot open rtsp://***@10.0.0.5:554/stream1 now")
                .doesNotContain("s3cret");
        assertThat(UrlMasking.mask("https://cam.example/live.m3u8?token=abc&x=1"))
                .isEqualTo("https://cam.example/live.m3u8?token=***&x=1");
        assertThat(UrlMasking.mask("/videos/a@b.mp4")).isEqualTo("/videos/a@b.mp4");
    }

    @Test
    void shouldRefuseSchemesTheUserDidNotAllow() {
        assertThatThrownBy(
                        () ->
                                StreamUrl.parse(
                                        "rtsp://u:pw@cam/1",
                                        null,
                                        NetworkOptions.allowing("https")))
                .isInstanceOfSatisfying(
                        FrameSourceException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(FrameSourceException.Reason.NOT_ALLOWED))
                .hasMessageContaining("'rtsp' is not allowed")
                .hasMessageContaining("--allow-scheme rtsp")
                .message()
                .doesNotContain("pw");
    }

    @Test
    void shouldAddCredentialsButNeverShowThem() {
        StreamUrl url =
                StreamUrl.parse(
                        "rtsp://cam.local:554/h264",
                        "viewer:p@ss",
                        NetworkOptions.allowing("rtsp"));
        assertThat(url.secret()).isEqualTo("rtsp://viewer:p%40ss@cam.local:554/h264");
        assertThat(url.masked()).isEqualTo("rtsp://***@cam.local:554/h264");
        assertThat(url.toString()).doesNotContain("viewer").doesNotContain("p@ss");
    }

    @Test
    void shouldRejectUnknownSchemesInTheAllowList() {
        assertThatThrownBy(() -> NetworkOptions.allowing("file"))
                .hasMessageContaining("Unknown network scheme 'file'");
    }

    @Test
    void shouldDoubleTheBackoffUpToTheCap() {
        NetworkOptions options =
                NetworkOptions.allowing("rtsp")
                        .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(options.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(options.backoff(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(options.backoff(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(options.backoff(4)).isEqualTo(Duration.ofMillis(3000));
        assertThat(options.backoff(10)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void shouldSortNamesNaturally() {
        assertThat(
                        java.util.stream.Stream.of(
                                        "img10.png", "img2.png", "img1.png", "img02b.png")
                                .sorted(NaturalOrder.INSTANCE)
                                .toList())
                .containsExactly("img1.png", "img2.png", "img02b.png", "img10.png");
    }
}
