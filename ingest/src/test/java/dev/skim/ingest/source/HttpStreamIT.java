package dev.skim.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skim.avro.Frame;
import dev.skim.ingest.FrameTopicReader;
import dev.skim.ingest.TestVideos;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.ingest.publish.PublishSummary;
import dev.skim.ingest.synthetic.SyntheticSpec;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class HttpStreamIT {

    @Test
    void shouldPublishAnHttpStreamServedByALocalServer(KafkaBroker broker, @TempDir Path temp)
            throws Exception {
        SyntheticSpec spec =
                SyntheticSpec.parse(
                        "synthetic:frames=30,fps=10,size=320x240,seed=3,scenes=2,events=1");
        byte[] video =
                Files.readAllBytes(TestVideos.write(temp.resolve("clip.ts"), "mpegts", spec));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/clip.ts",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "video/mp2t");
                    exchange.sendResponseHeaders(200, video.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(video);
                    }
                });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/clip.ts";
            NetworkOptions options = NetworkOptions.allowing("http").withMaxReconnects(1);
            PublishSummary summary;
            try (FramePublisher publisher =
                            FramePublisher.builder()
                                    .bootstrapServers(broker.bootstrapServers())
                                    .build();
                    NetworkStreamSource source =
                            NetworkStreamSource.open(
                                    StreamUrl.parse(url, null, options), options)) {
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
        } finally {
            server.stop(0);
        }
    }
}
