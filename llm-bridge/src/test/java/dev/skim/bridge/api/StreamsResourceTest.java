package dev.skim.bridge.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skim.bridge.TokenBlocks;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class StreamsResourceTest {
    static final String ADMIN = "test-admin-key";

    @BeforeAll
    static void publish() {
        Topics topics = Topics.defaults();
        try (var producer =
                new KafkaProducer<>(
                        KafkaBrokerResource.broker().clientProperties(),
                        topics.tokens().keySerde().serializer(),
                        topics.tokens().valueSerde().serializer())) {
            for (long seq = 0; seq < 5; seq++) {
                producer.send(
                        new ProducerRecord<>(
                                Topics.TOKENS,
                                "cam-7",
                                TokenBlocks.frame("cam-7", seq, seq * 100, 49)));
            }
        }
    }

    @Test
    void shouldListStreamsAndServeTheTimelineInOrder() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .untilAsserted(
                        () ->
                                given().header(ApiKeys.HEADER, ADMIN)
                                        .get("/v1/streams/cam-7")
                                        .then()
                                        .statusCode(200)
                                        .body("frames", equalTo(5)));
        given().header(ApiKeys.HEADER, ADMIN)
                .get("/v1/streams")
                .then()
                .statusCode(200)
                .body("streamId", org.hamcrest.Matchers.hasItem("cam-7"));
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("from", 100)
                .queryParam("to", 300)
                .get("/v1/streams/cam-7/timeline")
                .then()
                .statusCode(200)
                .body("firstSeq", contains(1, 2, 3))
                .body("[0].frames[0].ptsMillis", equalTo(100))
                .body("[0].tokensOut", equalTo(49));
    }

    @Test
    void shouldAnswerProblemJsonForUnknownStreamAndBadRange() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .until(
                        () ->
                                given().header(ApiKeys.HEADER, ADMIN)
                                                .get("/v1/streams/nope")
                                                .statusCode()
                                        != 503);
        given().header(ApiKeys.HEADER, ADMIN)
                .get("/v1/streams/nope")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("'nope'"));
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("from", 10)
                .queryParam("to", 5)
                .get("/v1/streams/cam-7/timeline")
                .then()
                .statusCode(400)
                .body("detail", containsString("from=10 to=5"));
    }
}
