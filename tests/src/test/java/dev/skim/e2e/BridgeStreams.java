package dev.skim.e2e;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import org.awaitility.Awaitility;

/** Waits on what a running bridge reports about its streams ({@code GET /v1/streams/{id}}). */
final class BridgeStreams {

    private BridgeStreams() {}

    /** Waits until the bridge holds exactly that many frames of the stream. */
    static void awaitFrames(AppProcess bridge, String stream, int frames, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            var r = given().baseUri(bridge.baseUrl()).get("/v1/streams/" + stream);
                            return r.statusCode() == 200 && r.jsonPath().getInt("frames") == frames;
                        });
    }
}
