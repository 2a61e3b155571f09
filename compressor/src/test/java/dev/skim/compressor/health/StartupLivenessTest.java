package dev.skim.compressor.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.skim.compressor.app.TopologyProducer;
import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start-up is live: the compressor waits for a topic that does not exist, so Kafka Streams stays
 * CREATED; readiness is down, liveness is up. The Quarkus extension's liveness check (down in
 * CREATED) is not among the checks.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(StartupLivenessTest.WaitingForATopic.class)
class StartupLivenessTest {

    public static class WaitingForATopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "skim.compressor.encoder.name",
                    "classical",
                    "quarkus.kafka-streams.topics",
                    "skim.frames,skim.tokens,skim.keyframes,skim.frames.dlq,skim.test.never-created");
        }
    }

    @Test
    void shouldBeLiveButNotReadyWhileKafkaStreamsWaitsForItsTopics() {
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.find { it.name == '"
                                + TopologyProducer.LIVENESS_CHECK
                                + "' }.data.state",
                        equalTo("CREATED"))
                .body("checks.name", not(hasItem("Kafka Streams state health check")));
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(
                        "checks.find { it.name == 'skim-compressor-streams' }.data.state",
                        equalTo("CREATED"));
    }
}
