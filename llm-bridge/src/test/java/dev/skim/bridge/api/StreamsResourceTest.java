package dev.skim.bridge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skim.avro.DeadLetter;
import dev.skim.bridge.TokenBlocks;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class StreamsResourceTest {
    static final String ADMIN = "test-admin-key";
    static final byte[] GARBAGE = "not a token block".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void publish() {
        Topics topics = Topics.defaults();
        // an unreadable record first: the bridge dead-letters it and goes on to the good blocks
        try (var raw =
                new KafkaProducer<>(
                        KafkaBrokerResource.broker().clientProperties(),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.TOKENS, "cam-7", GARBAGE));
        }
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

    @Test
    void shouldDeadLetterAnUnreadableBlockAndCountIt() {
        Topics topics = Topics.defaults();
        Properties props = KafkaBrokerResource.broker().clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the bridge writes dead letters in its exactly-once transactions
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<DeadLetter> dead = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(
                        props,
                        new StringDeserializer(),
                        topics.tokenDeadLetters().valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.TOKEN_DEAD_LETTERS));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(180))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500))
                                        .forEach(r -> dead.add(r.value()));
                                return dead.stream().anyMatch(d -> "cam-7".equals(d.getStreamId()));
                            });
        }
        DeadLetter letter =
                dead.stream().filter(d -> "cam-7".equals(d.getStreamId())).findFirst().get();
        assertThat(letter.getTopic()).isEqualTo(Topics.TOKENS);
        assertThat(letter.getStage()).isEqualTo("deserialize");
        assertThat(letter.getReason()).contains("not Avro single-object encoded");
        assertThat(letter.getPayload()).isEqualTo(java.nio.ByteBuffer.wrap(GARBAGE));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines())
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .startsWith("skim_bridge_dead_letters_total{")
                                        .contains("stage=\"deserialize\"")
                                        .contains("topic=\"skim.tokens\"")
                                        .doesNotEndWith(" 0.0"));
    }
}
