package dev.skim.video.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.video.FrameSourceException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkStreamSourceTest {

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldRetryWithExponentialBackoffThenGiveUpWithoutShowingCredentials() throws IOException {
        NetworkOptions options =
                NetworkOptions.allowing("http")
                        .withMaxReconnects(3)
                        .withBackoff(Duration.ofMillis(100), Duration.ofMillis(300))
                        .withIoTimeout(Duration.ofSeconds(2));
        StreamUrl url =
                StreamUrl.parse(
                        "http://127.0.0.1:" + closedPort() + "/live.ts", "user:hunter2", options);
        List<Duration> waits = new ArrayList<>();
        NetworkStreamSource source = new NetworkStreamSource(url, options, waits::add);

        assertThatThrownBy(source::next)
                .isInstanceOfSatisfying(
                        FrameSourceException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(FrameSourceException.Reason.SOURCE_UNAVAILABLE))
                .hasMessageContaining("after 4 failed connection attempt(s)")
                .hasMessageContaining("(Connection refused)")
                .hasMessageContaining("http://***@127.0.0.1")
                .message()
                .doesNotContain("hunter2");
        assertThat(waits)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
        source.close();
    }
}
