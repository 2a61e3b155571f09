package dev.skim.bridge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.skim.avro.Tier;
import dev.skim.bridge.TokenBlocks;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ask API, authentication and limits, on the app with a real broker and no LLM configured. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class AskResourceTest {
    static final String ADMIN = "test-admin-key";
    static final String CAMS = "test-cams-key";

    @BeforeAll
    static void publish() {
        Topics topics = Topics.defaults();
        var props = KafkaBrokerResource.broker().clientProperties();
        try (var tokens =
                        new KafkaProducer<>(
                                props,
                                topics.tokens().keySerde().serializer(),
                                topics.tokens().valueSerde().serializer());
                var keyframes =
                        new KafkaProducer<>(
                                props,
                                topics.keyframes().keySerde().serializer(),
                                topics.keyframes().valueSerde().serializer())) {
            // cam-1: one frame a second for a minute; a slow frame every 10 s with its keyframe
            for (long s = 0; s < 60; s++) {
                tokens.send(
                        new ProducerRecord<>(
                                Topics.TOKENS,
                                "cam-1",
                                TokenBlocks.block(
                                        "cam-1", Tier.FAST, s, s * 1000, 0.05f, 8, 4, "enc")));
                if (s % 10 == 0) {
                    tokens.send(
                            new ProducerRecord<>(
                                    Topics.TOKENS,
                                    "cam-1",
                                    TokenBlocks.block(
                                            "cam-1", Tier.SLOW, s, s * 1000, s / 100f, 64, 4,
                                            "enc")));
                    keyframes.send(
                            new ProducerRecord<>(
                                    Topics.KEYFRAMES,
                                    "cam-1",
                                    TokenBlocks.keyframe("cam-1", s, s * 1000)));
                }
            }
            tokens.send(
                    new ProducerRecord<>(
                            Topics.TOKENS,
                            "dock-1",
                            TokenBlocks.block("dock-1", Tier.FAST, 0, 0, 0f, 8, 4, "enc")));
        }
    }

    @BeforeEach
    void awaitMemory() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .untilAsserted(
                        () ->
                                given().header(ApiKeys.HEADER, ADMIN)
                                        .get("/v1/streams/cam-1")
                                        .then()
                                        .statusCode(200)
                                        .body("frames", equalTo(60))
                                        .body(
                                                "tiers.find { it.tier == 'KEYFRAMES' }.blocks",
                                                equalTo(6)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .until(
                        () ->
                                given().header(ApiKeys.HEADER, ADMIN)
                                                .get("/v1/streams/dock-1")
                                                .statusCode()
                                        == 200);
    }

    private static io.restassured.specification.RequestSpecification ask(String key) {
        return given().header(ApiKeys.HEADER, key).contentType(ContentType.JSON);
    }

    @Test
    void shouldAnswerWithEvidenceAndASummaryButNoAnswerWhenNoLlmIsConfigured() {
        var r =
                ask(ADMIN)
                        .body(Map.of("question", "What happens at the dock?", "tokenBudget", 600))
                        .post("/v1/streams/cam-1/ask")
                        .then()
                        .statusCode(200)
                        .body("answer", nullValue())
                        .body("backend", equalTo("none"))
                        .body("reason", containsString("skim.bridge.llm.backend=none"))
                        .body("summary.modelGenerated", equalTo(false))
                        .body("summary.label", containsString("not model-generated"))
                        .body("summary.text", containsString("Stream 'cam-1'"))
                        .body("usage.tokenBudget", equalTo(600))
                        .body("usage.contextTokens", lessThanOrEqualTo(600))
                        .body("fromMillis", equalTo(0))
                        .body("toMillis", equalTo(59_000))
                        .body("relevance", containsString("ranked by novelty"))
                        .body("extractive.modelGenerated", equalTo(false))
                        .body("extractive.text", containsString("No slow frame in range has tags"))
                        .body("evidence.role", hasItem("detail"))
                        .body("evidence.role", hasItem("coverage"))
                        .extract()
                        .jsonPath();
        List<Long> pts = r.getList("evidence.ptsMillis", Long.class);
        assertThat(pts).isSorted().isNotEmpty();
        assertThat(r.getList("evidence.findAll { it.role == 'detail' }.keyframe", String.class))
                .allSatisfy(k -> assertThat(k).startsWith("/v1/streams/cam-1/keyframes/"));
    }

    @Test
    void shouldStreamEvidenceThenTheAnswerAsServerSentEvents() {
        String body =
                ask(ADMIN)
                        .accept("text/event-stream")
                        .body(Map.of("question", "anything?", "from", 10_000, "to", 20_000))
                        .post("/v1/streams/cam-1/ask/stream")
                        .then()
                        .statusCode(200)
                        .contentType(containsString("text/event-stream"))
                        .extract()
                        .asString();
        List<ServerSentEvents.Event> events = ServerSentEvents.parse(body);
        assertThat(events)
                .extracting(ServerSentEvents.Event::name)
                .containsExactly("evidence", "answer");
        assertThat(events.get(0).data()).contains("\"fromMillis\":10000", "\"evidence\":[");
        assertThat(events.get(1).data()).contains("\"answer\":null", "\"streamId\":\"cam-1\"");
    }

    @Test
    void shouldRejectRequestsWithoutAValidKey() {
        given().get("/v1/streams")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("API key is required"));
        given().header(ApiKeys.HEADER, "wrong")
                .get("/v1/streams/cam-1")
                .then()
                .statusCode(401)
                .body("detail", containsString("not valid"));
        given().header("Authorization", "Bearer " + ADMIN)
                .get("/v1/streams/cam-1")
                .then()
                .statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldForbidStreamsOutsideTheKeysPatternsAndHideThemFromTheList() {
        given().header(ApiKeys.HEADER, CAMS)
                .get("/v1/streams/dock-1/timeline")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("'dock-1'"));
        ask(CAMS)
                .body(Map.of("question", "q"))
                .post("/v1/streams/dock-1/ask")
                .then()
                .statusCode(403);
        given().header(ApiKeys.HEADER, CAMS).get("/v1/streams/cam-1").then().statusCode(200);
        given().header(ApiKeys.HEADER, CAMS)
                .get("/v1/streams")
                .then()
                .statusCode(200)
                .body("streamId", hasItem("cam-1"))
                .body("streamId", not(hasItem("dock-1")));
    }

    @Test
    void shouldEnforceQuestionBudgetAndRangeLimitsWithProblemJson() {
        ask(ADMIN)
                .body(Map.of("question", "x".repeat(201)))
                .post("/v1/streams/cam-1/ask")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("limit is 200"));
        ask(ADMIN)
                .body(Map.of("question", "q", "tokenBudget", 10))
                .post("/v1/streams/cam-1/ask")
                .then()
                .statusCode(400)
                .body("detail", containsString("tokenBudget must be between 256 and 32768"));
        ask(ADMIN)
                .body(Map.of("question", "q", "from", 0, "to", 7_200_000))
                .post("/v1/streams/cam-1/ask")
                .then()
                .statusCode(400)
                .body("detail", containsString("max-ask-range"));
        ask(ADMIN)
                .body(Map.of("question", "q", "from", 5000, "to", 10))
                .post("/v1/streams/cam-1/ask")
                .then()
                .statusCode(400);
        ask(ADMIN)
                .body(Map.of("question", " "))
                .post("/v1/streams/cam-1/ask")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("question must not be blank"));
        ask(ADMIN)
                .body(Map.of("question", "q", "tokenBudget", -1))
                .post("/v1/streams/cam-1/ask")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        ask(ADMIN)
                .body(Map.of("question", "q"))
                .post("/v1/streams/nope/ask")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldServeKeyframesAndReportMemoryPerTier() {
        byte[] jpeg =
                given().header(ApiKeys.HEADER, ADMIN)
                        .get("/v1/streams/cam-1/keyframes/20")
                        .then()
                        .statusCode(200)
                        .contentType("image/jpeg")
                        .extract()
                        .asByteArray();
        assertThat(jpeg).isEqualTo(TokenBlocks.keyframe("cam-1", 20, 20_000).getJpeg().array());
        given().header(ApiKeys.HEADER, ADMIN)
                .get("/v1/streams/cam-1/keyframes/21")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header(ApiKeys.HEADER, ADMIN)
                .get("/v1/streams/cam-1")
                .then()
                .statusCode(200)
                .body("tiers.find { it.tier == 'FAST' }.blocks", equalTo(60))
                .body("tiers.find { it.tier == 'SLOW' }.blocks", equalTo(6))
                .body("tiers.find { it.tier == 'FAST' }.retentionMillis", equalTo(86_400_000))
                .body("tiers.find { it.tier == 'FAST' }.bytesPerStreamHour", notNullValue())
                .body("tiers.bytes", everyItem(notNullValue()));
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("tiers", "SLOW")
                .get("/v1/streams/cam-1/timeline")
                .then()
                .statusCode(200)
                .body("tier", everyItem(equalTo("SLOW")))
                .body("[1].keyframes[0]", equalTo("/v1/streams/cam-1/keyframes/10"));
    }

    @Test
    void shouldDocumentTheApiAndExportMemoryMetrics() {
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/v1/streams/{id}/ask"))
                .body(containsString("/v1/streams/{id}/ask/stream"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("skim_bridge_memory_bytes{tier=\"FAST\"}"));
    }
}
