package dev.skim.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.skim.avro.Frame;
import dev.skim.ingest.FrameTopicReader;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.FrameSourceException;
import dev.skim.video.TestVideos;
import dev.skim.video.source.NetworkOptions;
import dev.skim.video.source.NetworkStreamSource;
import dev.skim.video.source.StreamUrl;
import dev.skim.video.synthetic.SyntheticSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Network sources against an HTTP server started by the test. */
@ExtendWith(KafkaBrokerExtension.class)
class HttpStreamIT {

    private static final SyntheticSpec SPEC =
            SyntheticSpec.parse("synthetic:frames=30,fps=10,size=320x240,seed=3,scenes=2,events=1");

    @TempDir Path temp;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    /** Serves the clip for the first {@code servings} requests, then 404. */
    private String serve(int servings) throws Exception {
        byte[] video =
                Files.readAllBytes(TestVideos.write(temp.resolve("clip.ts"), "mpegts", SPEC));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/clip.ts",
                exchange -> {
                    if (requests.incrementAndGet() > servings) {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                        return;
                    }
                    exchange.getResponseHeaders().add("Content-Type", "video/mp2t");
                    exchange.sendResponseHeaders(200, video.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(video);
                    } catch (IOException e) {
                        // The client may hang up early; nothing to do on the server side.
                    }
                });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/clip.ts";
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    void resetRequests() {
        requests.set(0);
    }

    private static FramePublisher publisher(KafkaBroker broker) {
        return FramePublisher.builder().bootstrapServers(broker.bootstrapServers()).build();
    }

    @Test
    void shouldPublishAnHttpStreamServedByALocalServer(KafkaBroker broker) throws Exception {
        String url = serve(1);
        NetworkOptions options = NetworkOptions.allowing("http").withMaxReconnects(1);
        PublishSummary summary;
        try (FramePublisher publisher = publisher(broker);
                NetworkStreamSource source =
                        NetworkStreamSource.open(StreamUrl.parse(url, null, options), options)) {
            summary = publisher.publish("http-clip", source, PublishOptions.defaults());
        }
        assertThat(summary.framesPublished()).isEqualTo(30);
        assertThat(summary.unreadableFrames()).isZero();
        List<Frame> frames = FrameTopicReader.readStream(broker, "http-clip");
        assertThat(frames)
                .extracting(Frame::getSeq)
                .containsExactlyElementsOf(LongStream.range(0, 30).boxed().toList());
        assertThat(frames)
                .extracting(Frame::getPtsMillis)
                .containsExactlyElementsOf(
                        LongStream.range(0, 30).map(i -> i * 100).boxed().toList());
        assertThat(frames.get(0).getAttributes()).containsEntry("source", url);
    }

    @Test
    void shouldReconnectALiveStreamKeepTimeRisingAndGiveUpWhenItStaysDown(KafkaBroker broker)
            throws Exception {
        String url = serve(2);
        NetworkOptions options =
                NetworkOptions.allowing("http")
                        .withReconnectAtEnd(true)
                        .withMaxReconnects(2)
                        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));
        try (FramePublisher publisher = publisher(broker);
                NetworkStreamSource source =
                        NetworkStreamSource.open(StreamUrl.parse(url, null, options), options)) {
            assertThatThrownBy(
                            () -> publisher.publish("http-live", source, PublishOptions.defaults()))
                    .isInstanceOfSatisfying(
                            FrameSourceException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isEqualTo(
                                                    FrameSourceException.Reason.SOURCE_UNAVAILABLE))
                    .hasMessageContaining("after 3 failed connection attempt(s)");
            assertThat(publisher.nextSeq("http-live")).isEqualTo(60);
        }
        List<Frame> frames = FrameTopicReader.readStream(broker, "http-live");
        assertThat(frames)
                .extracting(Frame::getSeq)
                .containsExactlyElementsOf(LongStream.range(0, 60).boxed().toList());
        List<Long> pts = frames.stream().map(Frame::getPtsMillis).toList();
        assertThat(pts).isSorted();
        assertThat(pts.get(30))
                .as("second connection continues after the first")
                .isGreaterThan(pts.get(29));
        assertThat(pts.get(59) - pts.get(30)).isEqualTo(2900L);
        // 2 servings + 3 refused attempts (FFmpeg may add requests of its own).
        assertThat(requests.get()).isGreaterThanOrEqualTo(5);
    }
}
