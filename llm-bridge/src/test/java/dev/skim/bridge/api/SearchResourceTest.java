package dev.skim.bridge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.bridge.TokenBlocks;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search by words and by example, and the extractive answer, on the app with a real broker, the
 * real sentence encoder (all-MiniLM-L6-v2) and no LLM.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class SearchResourceTest {
    static final String ADMIN = "test-admin-key";
    static final String CAMS = "test-cams-key";
    static final int BIG = 3000;

    /** Tokens of frame s: frames 0-9 point one way, 10-19 another, each a little apart. */
    static List<float[]> vectors(long s) {
        return s < 10
                ? List.of(new float[] {1, 0.1f * s, 0, 0})
                : List.of(new float[] {0, 0, 1, 0.1f * (s - 10)});
    }

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
            // cam-s: 20 frames a second apart, each a FAST and a SLOW frame with a keyframe
            for (long s = 0; s < 20; s++) {
                for (Tier tier : List.of(Tier.FAST, Tier.SLOW)) {
                    tokens.send(
                            new ProducerRecord<>(
                                    Topics.TOKENS,
                                    "cam-s",
                                    TokenBlocks.withVectors(
                                            "cam-s",
                                            tier,
                                            s,
                                            s * 1000,
                                            s / 20f,
                                            vectors(s),
                                            "enc")));
                }
                keyframes.send(new ProducerRecord<>(Topics.KEYFRAMES, "cam-s", tagged(s)));
            }
            tokens.send(
                    new ProducerRecord<>(
                            Topics.TOKENS,
                            "dock-s",
                            TokenBlocks.block("dock-s", Tier.SLOW, 0, 0, 0f, 4, 4, "enc")));
            keyframes.send(
                    new ProducerRecord<>(
                            Topics.KEYFRAMES,
                            "dock-s",
                            TokenBlocks.keyframe(
                                    "dock-s", 0, 0, TokenBlocks.object("dog", 0.5f, 0, 0, 1, 1))));
            // cam-big: BIG keyframes, a person in every tenth, a car in every seventh
            tokens.send(
                    new ProducerRecord<>(
                            Topics.TOKENS,
                            "cam-big",
                            TokenBlocks.block("cam-big", Tier.SLOW, 0, 0, 0f, 4, 4, "enc")));
            for (long s = 0; s < BIG; s++) {
                List<dev.skim.avro.Tag> tags = new ArrayList<>();
                if (s % 10 == 0) {
                    tags.add(
                            TokenBlocks.object("person", 0.3f + (s % 70) / 100f, 0, 0, 0.1f, 0.2f));
                }
                if (s % 7 == 0) {
                    tags.add(TokenBlocks.object("car", 0.6f, 0.5f, 0.5f, 0.2f, 0.1f));
                }
                tags.add(TokenBlocks.text("AISLE " + (s % 40), 0.8f));
                keyframes.send(
                        new ProducerRecord<>(
                                Topics.KEYFRAMES,
                                "cam-big",
                                TokenBlocks.keyframe(
                                        "cam-big",
                                        s,
                                        s * 500,
                                        tags.toArray(new dev.skim.avro.Tag[0]))));
            }
        }
    }

    /** Seq 2: a person; 5: a person and a car; 7: the text EXIT; 9: a car. */
    static Keyframe tagged(long s) {
        return switch ((int) s) {
            case 2 ->
                    TokenBlocks.keyframe(
                            "cam-s",
                            s,
                            s * 1000,
                            TokenBlocks.object("person", 0.9f, 0.1f, 0.2f, 0.1f, 0.3f));
            case 5 ->
                    TokenBlocks.keyframe(
                            "cam-s",
                            s,
                            s * 1000,
                            TokenBlocks.object("person", 0.6f, 0.5f, 0.2f, 0.1f, 0.3f),
                            TokenBlocks.object("car", 0.8f, 0, 0.6f, 0.3f, 0.2f));
            case 7 -> TokenBlocks.keyframe("cam-s", s, s * 1000, TokenBlocks.text("EXIT", 0.95f));
            case 9 ->
                    TokenBlocks.keyframe(
                            "cam-s",
                            s,
                            s * 1000,
                            TokenBlocks.object("car", 0.7f, 0, 0, 0.5f, 0.5f));
            default -> TokenBlocks.keyframe("cam-s", s, s * 1000);
        };
    }

    @BeforeEach
    void awaitMemory() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .untilAsserted(
                        () -> {
                            given().header(ApiKeys.HEADER, ADMIN)
                                    .get("/v1/streams/cam-s")
                                    .then()
                                    .statusCode(200)
                                    .body(
                                            "tiers.find { it.tier == 'KEYFRAMES' }.blocks",
                                            equalTo(20))
                                    .body("tiers.find { it.tier == 'SLOW' }.blocks", equalTo(20));
                            given().header(ApiKeys.HEADER, ADMIN)
                                    .get("/v1/streams/cam-big")
                                    .then()
                                    .statusCode(200)
                                    .body(
                                            "tiers.find { it.tier == 'KEYFRAMES' }.blocks",
                                            equalTo(BIG));
                            given().header(ApiKeys.HEADER, ADMIN)
                                    .get("/v1/streams/dock-s")
                                    .then()
                                    .statusCode(200)
                                    .body(
                                            "tiers.find { it.tier == 'KEYFRAMES' }.blocks",
                                            equalTo(1));
                        });
    }

    private static JsonPath search(String key, String stream, String q) {
        return given().header(ApiKeys.HEADER, key)
                .queryParam("q", q)
                .get("/v1/streams/" + stream + "/search")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
    }

    @Test
    void shouldFindTaggedMomentsBestFirstWithTheirTagsAndKeyframes() {
        JsonPath r = search(ADMIN, "cam-s", "person");
        assertThat(r.getString("query")).isEqualTo("person");
        assertThat(r.getString("note")).isNull();
        assertThat(r.getList("matched.label")).containsExactly("person");
        assertThat(r.getList("matched.kind")).containsExactly("OBJECT");
        assertThat(r.getFloat("matched[0].similarity")).isEqualTo(1f);
        assertThat(r.getList("moments.seq", Long.class)).containsExactly(2L, 5L);
        assertThat(r.getList("moments.score", Float.class)).containsExactly(0.9f, 0.6f);
        assertThat(r.getList("moments.streamId")).containsOnly("cam-s");
        assertThat(r.getLong("moments[0].ptsMillis")).isEqualTo(2000);
        assertThat(r.getList("moments[0].matched")).containsExactly("person");
        assertThat(r.getString("moments[0].keyframe")).isEqualTo("/v1/streams/cam-s/keyframes/2");
        assertThat(r.getList("moments[1].tags.label")).containsExactly("person", "car");
        assertThat(r.getFloat("moments[1].tags[1].x")).isEqualTo(0f);
        assertThat(r.getFloat("moments[1].tags[1].y")).isEqualTo(0.6f);
        // limit and range
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("q", "person")
                .queryParam("limit", 1)
                .get("/v1/streams/cam-s/search")
                .then()
                .statusCode(200)
                .body("moments.seq", contains(2));
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("q", "person")
                .queryParam("from", 3000)
                .queryParam("to", 6000)
                .get("/v1/streams/cam-s/search")
                .then()
                .statusCode(200)
                .body("moments.seq", contains(5));
    }

    @Test
    void shouldReachPersonFromPeopleAndPedestriansThroughTheSentenceEncoder() {
        for (String q : List.of("people", "pedestrians")) {
            JsonPath r = search(ADMIN, "cam-s", q);
            assertThat(r.getString("matched[0].label")).as(q).isEqualTo("person");
            assertThat(r.getFloat("matched[0].similarity")).as(q).isBetween(0.75f, 0.999f);
            assertThat(r.getList("moments.seq", Long.class)).as(q).containsExactly(2L, 5L);
        }
        JsonPath vehicles = search(ADMIN, "cam-s", "vehicle");
        assertThat(vehicles.getList("matched.label")).contains("car");
        assertThat(vehicles.getList("moments.seq", Long.class)).containsExactly(5L, 9L);
    }

    @Test
    void shouldFindTextReadInFrames() {
        JsonPath r = search(ADMIN, "cam-s", "exit");
        assertThat(r.getList("moments.seq", Long.class)).containsExactly(7L);
        assertThat(r.getList("matched.kind")).containsExactly("TEXT");
        assertThat(r.getList("matched.label")).containsExactly("EXIT");
        assertThat(r.getList("moments[0].matched")).containsExactly("EXIT");
    }

    @Test
    void shouldSayThatNoTagMatchesAWordOutsideTheVocabulary() {
        JsonPath r = search(ADMIN, "cam-s", "forklift");
        assertThat(r.getString("note"))
                .isEqualTo(
                        "no tag matches 'forklift' (the vocabulary is the 80 COCO object classes"
                                + " and text read in frames)");
        assertThat(r.getList("matched")).isEmpty();
        assertThat(r.getList("moments")).isEmpty();
    }

    @Test
    void shouldSearchAcrossOnlyTheStreamsTheKeyMayRead() {
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("q", "person")
                .get("/v1/search")
                .then()
                .statusCode(200)
                .body("moments", org.hamcrest.Matchers.hasSize(20))
                .body("moments.streamId", hasItem("cam-big"))
                .body("moments[0].score", equalTo(0.9f));
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("q", "dog")
                .get("/v1/search")
                .then()
                .statusCode(200)
                .body("moments.streamId", contains("dock-s"));
        given().header(ApiKeys.HEADER, CAMS)
                .queryParam("q", "dog")
                .get("/v1/search")
                .then()
                .statusCode(200)
                .body("matched.label", contains("dog"))
                .body("moments", empty());
        given().header(ApiKeys.HEADER, CAMS)
                .queryParam("q", "exit")
                .get("/v1/search")
                .then()
                .statusCode(200)
                .body("moments.streamId", contains("cam-s"));
        given().header(ApiKeys.HEADER, CAMS)
                .queryParam("q", "person")
                .get("/v1/streams/dock-s/search")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().queryParam("q", "person").get("/v1/search").then().statusCode(401);
    }

    @Test
    void shouldRejectBadParametersWithProblemJson() {
        for (Map<String, Object> params :
                List.<Map<String, Object>>of(
                        Map.of(),
                        Map.of("q", " "),
                        Map.of("q", "x".repeat(201)),
                        Map.of("q", "person", "from", "abc"),
                        Map.of("q", "person", "from", 10, "to", 5),
                        Map.of("q", "person", "limit", 0),
                        Map.of("q", "person", "limit", 100_000))) {
            given().header(ApiKeys.HEADER, ADMIN)
                    .queryParams(params)
                    .get("/v1/streams/cam-s/search")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().header(ApiKeys.HEADER, ADMIN).get("/v1/search").then().statusCode(400);
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("q", "person")
                .get("/v1/streams/nope/search")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldFindTheNearestMomentsOfAHeldMomentAcrossTiers() {
        JsonPath r =
                given().header(ApiKeys.HEADER, ADMIN)
                        .contentType(ContentType.JSON)
                        .body(Map.of("seq", 3, "limit", 4))
                        .post("/v1/streams/cam-s/similar")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(r.getString("query")).isEqualTo("seq 3 (SLOW tokens)");
        assertThat(r.getList("moments.seq", Long.class))
                .hasSize(4)
                .doesNotContain(3L)
                .allSatisfy(s -> assertThat(s).isLessThan(10L));
        assertThat(r.getList("moments.seq", Long.class).subList(0, 2))
                .containsExactlyInAnyOrder(2L, 4L);
        assertThat(r.getList("moments.tier")).allSatisfy(t -> assertThat(t).isIn("FAST", "SLOW"));
        assertThat(r.getList("moments.score", Float.class))
                .isSortedAccordingTo((a, b) -> Float.compare(b, a));
        given().header(ApiKeys.HEADER, ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("seq", 12, "limit", 5))
                .post("/v1/streams/cam-s/similar")
                .then()
                .statusCode(200)
                .body("moments.seq", everyItem(org.hamcrest.Matchers.greaterThanOrEqualTo(10)));
        given().header(ApiKeys.HEADER, ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("seq", 999))
                .post("/v1/streams/cam-s/similar")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldRefuseAnImageWhenTheStreamsEncoderCannotBeLoaded() throws IOException {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", jpeg);
        given().header(ApiKeys.HEADER, ADMIN)
                .contentType("image/jpeg")
                .body(jpeg.toByteArray())
                .post("/v1/streams/cam-s/similar")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("encoder 'enc'"))
                .body("detail", containsString("mobilenetv2-nsfwjs440-block10"));
    }

    @Test
    void shouldAnswerExtractivelyWithCitationsAndRelevanceWithoutAnLlm() {
        JsonPath r =
                given().header(ApiKeys.HEADER, ADMIN)
                        .contentType(ContentType.JSON)
                        .body(Map.of("question", "Were there people?"))
                        .post("/v1/streams/cam-s/ask")
                        .then()
                        .statusCode(200)
                        .body("answer", nullValue())
                        .body("extractive.modelGenerated", equalTo(false))
                        .body("extractive.label", containsString("not model-generated"))
                        .extract()
                        .jsonPath();
        assertThat(r.getString("extractive.text"))
                .isEqualTo("person seen at [t=00:00:02.000], [t=00:00:05.000] (2 moments).");
        assertThat(r.getList("extractive.citations.seq", Long.class)).containsExactly(2L, 5L);
        assertThat(r.getString("relevance")).contains("ranked by how well its tags match");
        List<Map<String, Object>> detail = r.getList("evidence.findAll { it.role == 'detail' }");
        assertThat(detail).isNotEmpty();
        assertThat(
                        r.getString(
                                "evidence.find { it.seq == 2 && it.role == 'detail' }.relevance.basis"))
                .startsWith("tag person (0.")
                .endsWith(" ~ 'people')");
        assertThat(
                        r.getList(
                                "evidence.findAll { it.role == 'detail' && it.seq != 2 && it.seq != 5 }"
                                        + ".relevance.basis",
                                String.class))
                .isNotEmpty()
                .containsOnly("novelty: no tag of this frame matches the question");

        JsonPath none =
                given().header(ApiKeys.HEADER, ADMIN)
                        .contentType(ContentType.JSON)
                        .body(Map.of("question", "forklift"))
                        .post("/v1/streams/cam-s/ask")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(none.getString("relevance"))
                .contains("ranked by novelty", "no tag matches 'forklift'");
        assertThat(none.getString("extractive.text"))
                .startsWith("No tag matches 'forklift'")
                .contains("person at 2 moments ([t=00:00:02.000] to [t=00:00:05.000])")
                .contains("text 'EXIT' at 1 moment ([t=00:00:07.000])");
        assertThat(
                        none.getList(
                                "evidence.findAll { it.role == 'detail' }.relevance.basis",
                                String.class))
                .allSatisfy(b -> assertThat(b).startsWith("novelty: no tag matches 'forklift'"));
    }

    @Test
    void shouldMeasureSearchLatencyOnThousandsOfKeyframes() {
        for (String q : List.of("people", "person", "aisle 7", "forklift")) {
            search(ADMIN, "cam-big", q);
        }
        for (String q : List.of("people", "aisle 7", "forklift")) {
            long t0 = System.nanoTime();
            int n = 5;
            JsonPath r = null;
            for (int i = 0; i < n; i++) {
                r = search(ADMIN, "cam-big", q);
            }
            double ms = (System.nanoTime() - t0) / 1e6 / n;
            System.out.printf(
                    Locale.ROOT,
                    "search '%s' over %d keyframes: %.1f ms a request (%d moments returned)%n",
                    q,
                    BIG,
                    ms,
                    r.getList("moments").size());
        }
        assertThat(search(ADMIN, "cam-big", "people").getList("moments")).hasSize(20);
        assertThat(search(ADMIN, "cam-big", "aisle 7").getList("moments.seq", Long.class))
                .startsWith(7L, 47L, 87L);
        long t0 = System.nanoTime();
        given().header(ApiKeys.HEADER, ADMIN)
                .queryParam("q", "car")
                .get("/v1/search")
                .then()
                .statusCode(200);
        System.out.printf(
                Locale.ROOT,
                "cross-stream search 'car' (%d + 21 keyframes): %.1f ms%n",
                BIG,
                (System.nanoTime() - t0) / 1e6);
    }

    @Test
    void shouldDocumentTheSearchEndpoints() {
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/v1/streams/{id}/search"))
                .body(containsString("/v1/search"))
                .body(containsString("/v1/streams/{id}/similar"));
    }
}
