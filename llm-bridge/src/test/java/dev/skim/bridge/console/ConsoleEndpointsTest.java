package dev.skim.bridge.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.skim.avro.DeadLetter;
import dev.skim.bridge.TokenBlocks;
import dev.skim.bridge.api.ApiKeys;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's endpoints and static files, with the test profile's keys on. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class ConsoleEndpointsTest {
    static final String ADMIN = "test-admin-key";
    static final String CAMS = "test-cams-key";

    @BeforeAll
    static void publish() throws Exception {
        Topics topics = Topics.defaults();
        try (var dlq =
                new KafkaProducer<>(
                        KafkaBrokerResource.broker().clientProperties(),
                        topics.deadLetters().keySerde().serializer(),
                        topics.deadLetters().valueSerde().serializer())) {
            dlq.send(new ProducerRecord<>(Topics.DEAD_LETTERS, "cam-3", dead("cam-3", 11))).get();
            dlq.send(new ProducerRecord<>(Topics.DEAD_LETTERS, "dock-1", dead("dock-1", 12))).get();
            dlq.send(new ProducerRecord<>(Topics.DEAD_LETTERS, null, dead(null, 13))).get();
        }
        try (var tokens =
                        new KafkaProducer<>(
                                KafkaBrokerResource.broker().clientProperties(),
                                topics.tokens().keySerde().serializer(),
                                topics.tokens().valueSerde().serializer());
                var keyframes =
                        new KafkaProducer<>(
                                KafkaBrokerResource.broker().clientProperties(),
                                topics.keyframes().keySerde().serializer(),
                                topics.keyframes().valueSerde().serializer())) {
            tokens.send(
                    new ProducerRecord<>(
                            Topics.TOKENS,
                            "cam-moment",
                            TokenBlocks.frame("cam-moment", 7, 700, 3)));
            keyframes.send(
                    new ProducerRecord<>(
                            Topics.KEYFRAMES,
                            "cam-moment",
                            TokenBlocks.keyframe("cam-moment", 7, 700)));
        }
    }

    private static DeadLetter dead(String stream, long offset) {
        return DeadLetter.newBuilder()
                .setStreamId(stream)
                .setTopic(Topics.FRAMES)
                .setPartition(0)
                .setOffset(offset)
                .setStage("decode")
                .setReason("not a JPEG")
                .setExceptionClass("java.io.IOException")
                .setPayload(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setFailedAt(Instant.ofEpochMilli(1_000_000 + offset))
                .build();
    }

    @Test
    void shouldShowEveryDeadLetterToAKeyForAllStreamsAndOnlyItsOwnToAnother() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                // the frames' topic only: other tests' bad token blocks
                                // land in skim.tokens.dlq of the same broker
                                given().header(ApiKeys.HEADER, ADMIN)
                                        .queryParam("topic", Topics.DEAD_LETTERS)
                                        .get("/v1/dead-letters")
                                        .then()
                                        .statusCode(200)
                                        .body("scope", equalTo("all"))
                                        .body("records.offset", contains(13, 12, 11)));
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("topic", Topics.DEAD_LETTERS)
                .get("/v1/dead-letters")
                .then()
                .body("records[0].streamId", nullValue())
                .body("records[2].stage", equalTo("decode"))
                .body("records[2].reason", equalTo("not a JPEG"))
                .body("records[2].topic", equalTo(Topics.FRAMES))
                .body("records[2].dlqTopic", equalTo(Topics.DEAD_LETTERS))
                .body("records[2].payloadBytes", equalTo(3))
                .body("topics", contains(Topics.DEAD_LETTERS));
        given().header(ApiKeys.HEADER, ADMIN)
                .get("/v1/dead-letters")
                .then()
                .statusCode(200)
                .body("topics", containsInAnyOrder(Topics.DEAD_LETTERS, Topics.TOKEN_DEAD_LETTERS));
        given().header(ApiKeys.HEADER, CAMS)
                .queryParam("topic", Topics.DEAD_LETTERS)
                .get("/v1/dead-letters")
                .then()
                .statusCode(200)
                .body("scope", equalTo("readable-streams"))
                .body("records.streamId", contains("cam-3"));
        given().get("/v1/dead-letters").then().statusCode(401);
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("limit", 0)
                .get("/v1/dead-letters")
                .then()
                .statusCode(400);
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("topic", "skim.tokens")
                .get("/v1/dead-letters")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown dead-letter topic"));
    }

    @Test
    void shouldTellWhichPatchesAFramesKeptTokensComeFrom() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                given().header(ApiKeys.HEADER, CAMS)
                                        .queryParam("at", 700)
                                        .get("/v1/streams/cam-moment/moments/7")
                                        .then()
                                        .statusCode(200)
                                        .body("keyframe.link", containsString("/keyframes/7")));
        given().header(ApiKeys.HEADER, CAMS)
                .queryParam("at", 700)
                .get("/v1/streams/cam-moment/moments/7")
                .then()
                .body("tiers.tier", contains("FAST"))
                .body("tiers[0].gridRows", equalTo(14))
                .body("tiers[0].tokens", hasSize(3))
                .body("tiers[0].tokens[1].col", equalTo(1.0f))
                .body("tiers[0].tokens[1].span", equalTo(4))
                .body("keyframe.width", equalTo(64));
        given().header(ApiKeys.HEADER, CAMS)
                .get("/v1/streams/cam-moment/moments/7")
                .then()
                .statusCode(400);
        given().header(ApiKeys.HEADER, CAMS)
                .get("/v1/streams/cam-moment/lag")
                .then()
                .statusCode(200)
                .body("streamId", equalTo("cam-moment"))
                .body("records.keySet()", containsInAnyOrder(Topics.TOKENS, Topics.KEYFRAMES));
        given().header(ApiKeys.HEADER, CAMS)
                .queryParam("at", 700)
                .get("/v1/streams/cam-moment/moments/8")
                .then()
                .statusCode(404);
        given().header(ApiKeys.HEADER, CAMS)
                .queryParam("at", 700)
                .get("/v1/streams/dock-1/moments/7")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldServeTheConsoleWithoutAKey() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>Skim console</title>"));
        given().get("/console/app.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/dead-letters"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/v1/streams").then().statusCode(401);
    }
}
