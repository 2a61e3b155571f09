package dev.skim.bridge.lifecycle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start-up is live: the bridge waits for a topic that does not exist, so Kafka Streams stays
 * CREATED; readiness is down (as before), liveness is up. The Quarkus extension's liveness check
 * (down in CREATED, the 503 that KubernetesConfigIT once saw) is not among the checks.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(StartupLivenessTest.WaitingForATopic.class)
class StartupLivenessTest {

    public static class WaitingForATopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // no sentence encoder: its tokenizer's native library is loaded once a JVM, by the
            // default profile's application; a second Quarkus application cannot load it again
            return Map.of(
                    "skim.bridge.search.encoder",
                    "none",
                    "quarkus.kafka-streams.topics",
                    "skim.tokens,skim.keyframes,skim.tokens.dlq,skim.test.never-created");
        }
    }

    @Test
    void shouldBeLiveButNotReadyWhileKafkaStreamsWaitsForItsTopics() {
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.find { it.name == '" + Lifecycle.LIVENESS_CHECK + "' }.data.state",
                        equalTo("CREATED"))
                .body("checks.name", not(hasItem("Kafka Streams state health check")));
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(containsString("skim.test.never-created"));
    }
}
