package dev.skim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skim.avro.FrameRef;
import dev.skim.avro.Keyframe;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Precision;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.avro.Vectors;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Questions end to end on a real broker: frames through the packaged compressor into the packaged
 * bridge and an answer from an OpenAI-compatible stub; and two bridge instances, each answering for
 * streams the other one holds.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AskEndToEndIT {

    private static final Topics TOPICS = Topics.defaults();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern LABEL = Pattern.compile("\\[t=\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\]");

    @Test
    void shouldAnswerAQuestionAboutPublishedFramesThroughAnOpenAiCompatibleServer(
            KafkaBroker broker) throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer llm = openAiStub(requests);
        try (AppProcess compressor =
                        AppProcess.start("compressor", broker.bootstrapServers(), Map.of());
                AppProcess bridge =
                        AppProcess.start(
                                "llm-bridge",
                                broker.bootstrapServers(),
                                Map.of(
                                        "quarkus.kafka-streams.application-id", "skim-bridge-ask",
                                        "skim.bridge.llm.backend", "openai",
                                        "skim.bridge.llm.base-url",
                                                "http://127.0.0.1:" + llm.getAddress().getPort(),
                                        "skim.bridge.llm.model", "stub-vlm"))) {
            // 1. Publish 40 synthetic frames (10 fps, two scenes).
            try (FramePublisher publisher =
                            FramePublisher.builder()
                                    .bootstrapServers(broker.bootstrapServers())
                                    .build();
                    SyntheticVideoSource source =
                            SyntheticVideoSource.of(
                                    new SyntheticSpec(320, 180, 10, 40, 11, 2, 2))) {
                publisher.publish("dock", source, PublishOptions.defaults());
            }

            // 2. Wait until the bridge remembers every frame.
            BridgeStreams.awaitFrames(bridge, "dock", 40, TIMEOUT);

            // 3. Ask; the stub checks the wire format and answers citing a moment it was shown.
            JsonPath answer =
                    given().baseUri(bridge.baseUrl())
                            .contentType(ContentType.JSON)
                            .body(
                                    Map.of(
                                            "question",
                                            "When does the scene change?",
                                            "tokenBudget",
                                            2000))
                            .post("/v1/streams/dock/ask")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();

            assertThat(requests).hasSize(1);
            String request = requests.get(0);
            assertThat(request).contains("\"model\":\"stub-vlm\"", "When does the scene change?");
            assertThat(answer.getString("backend")).isEqualTo("openai");
            assertThat(answer.getString("model")).isEqualTo("stub-vlm");
            assertThat(answer.getString("answer")).startsWith("The scene changes at [t=");
            assertThat(answer.getInt("usage.promptTokens")).isEqualTo(1234);
            assertThat(answer.getList("evidence")).isNotEmpty();
            assertThat(answer.getList("citations.seq")).hasSize(1);
            assertThat(answer.getInt("usage.images"))
                    .isEqualTo(countOccurrences(request, "data:image/jpeg;base64,"));
        } finally {
            llm.stop(0);
        }
    }

    @Test
    void shouldAnswerEveryStreamOnEitherOfTwoBridgeInstances(KafkaBroker broker) throws Exception {
        // A joining instance gets active tasks at once only if it is caught up; probing rebalances
        // (min 1 min) move them otherwise, so the pair converges within the timeout either way.
        Map<String, String> props =
                Map.of(
                        "quarkus.kafka-streams.application-id",
                        "skim-bridge-pair",
                        "kafka-streams.probing.rebalance.interval.ms",
                        "60000",
                        "quarkus.log.category.\"org.apache.kafka.streams.processor.internals.assignment\".level",
                        "INFO");
        try (AppProcess a = AppProcess.start("llm-bridge", broker.bootstrapServers(), props);
                AppProcess b = AppProcess.start("llm-bridge", broker.bootstrapServers(), props)) {
            List<String> streams = IntStream.range(0, 8).mapToObj(i -> "pair-" + i).toList();
            try (var producer =
                            new KafkaProducer<>(
                                    broker.clientProperties(),
                                    TOPICS.tokens().keySerde().serializer(),
                                    TOPICS.tokens().valueSerde().serializer());
                    var keyframes =
                            new KafkaProducer<>(
                                    broker.clientProperties(),
                                    TOPICS.keyframes().keySerde().serializer(),
                                    TOPICS.keyframes().valueSerde().serializer())) {
                for (int i = 0; i < streams.size(); i++) {
                    String s = streams.get(i);
                    for (long seq = 0; seq <= i; seq++) {
                        producer.send(new ProducerRecord<>(Topics.TOKENS, s, block(s, seq)));
                    }
                    keyframes.send(
                            new ProducerRecord<>(
                                    Topics.KEYFRAMES,
                                    s,
                                    new Keyframe(
                                            s,
                                            0L,
                                            0L,
                                            2,
                                            2,
                                            ByteBuffer.wrap(new byte[] {(byte) i}),
                                            // even streams have a person in their keyframe
                                            i % 2 == 0 ? List.of(PERSON) : List.of(),
                                            2,
                                            2,
                                            "nanodet-coco80")));
                }
            }

            // Both instances hold some streams, and together all of them (the broker may also hold
            // streams of the other test).
            Awaitility.await()
                    .atMost(TIMEOUT)
                    .conditionEvaluationListener(
                            c -> {
                                if (c.getRemainingTimeInMS() <= 1000) {
                                    System.out.println(
                                            "bridge a:\n" + a.tail() + "\nbridge b:\n" + b.tail());
                                }
                            })
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                Set<String> la = local(a);
                                Set<String> lb = local(b);
                                Set<String> all = new HashSet<>(la);
                                all.addAll(lb);
                                return !la.isEmpty() && !lb.isEmpty() && all.containsAll(streams);
                            });
            assertThat(local(a)).doesNotContainAnyElementsOf(local(b));

            for (AppProcess app : List.of(a, b)) {
                // search across the streams of both instances
                assertThat(
                                given()
                                        .baseUri(app.baseUrl())
                                        .queryParam("q", "person")
                                        .queryParam("limit", 100)
                                        .get("/v1/search")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .jsonPath()
                                        .getList("moments.streamId", String.class)
                                        .stream()
                                        .filter(id -> id.startsWith("pair-")))
                        .containsExactlyInAnyOrder("pair-0", "pair-2", "pair-4", "pair-6");
                assertThat(
                                given()
                                        .baseUri(app.baseUrl())
                                        .get("/v1/streams")
                                        .jsonPath()
                                        .getList("streamId", String.class)
                                        .stream()
                                        .filter(id -> id.startsWith("pair-")))
                        .containsExactlyElementsOf(streams);
                for (int i = 0; i < streams.size(); i++) {
                    String s = streams.get(i);
                    given().baseUri(app.baseUrl())
                            .get("/v1/streams/" + s)
                            .then()
                            .statusCode(200)
                            .body("frames", org.hamcrest.Matchers.equalTo(i + 1));
                    assertThat(
                                    given().baseUri(app.baseUrl())
                                            .get("/v1/streams/" + s + "/timeline")
                                            .jsonPath()
                                            .getList("firstSeq"))
                            .hasSize(i + 1);
                    assertThat(
                                    given().baseUri(app.baseUrl())
                                            .get("/v1/streams/" + s + "/keyframes/0")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .asByteArray())
                            .containsExactly((byte) i);
                    // search and search by example, answered by the owner of the stream
                    assertThat(
                                    given().baseUri(app.baseUrl())
                                            .queryParam("q", "person")
                                            .get("/v1/streams/" + s + "/search")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .jsonPath()
                                            .getList("moments.streamId", String.class))
                            .containsExactlyElementsOf(i % 2 == 0 ? List.of(s) : List.of());
                    assertThat(
                                    given().baseUri(app.baseUrl())
                                            .contentType(ContentType.JSON)
                                            .body(Map.of("seq", 0))
                                            .post("/v1/streams/" + s + "/similar")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .jsonPath()
                                            .getList("moments.seq", Long.class))
                            .hasSize(i)
                            .doesNotContain(0L);
                    given().baseUri(app.baseUrl())
                            .contentType(ContentType.JSON)
                            .body(Map.of("question", "what is in " + s + "?"))
                            .post("/v1/streams/" + s + "/ask")
                            .then()
                            .statusCode(200)
                            .body("streamId", org.hamcrest.Matchers.equalTo(s))
                            .body("evidence.size()", org.hamcrest.Matchers.equalTo(i + 1));
                }
            }
        }
    }

    private static final dev.skim.avro.Tag PERSON =
            new dev.skim.avro.Tag(
                    dev.skim.avro.TagKind.OBJECT,
                    "person",
                    0.8f,
                    0.1f,
                    0.1f,
                    0.3f,
                    0.6f,
                    List.of(0, 2));

    private static Set<String> local(AppProcess app) {
        var r = given().baseUri(app.baseUrl()).queryParam("scope", "local").get("/v1/streams");
        return r.statusCode() == 200
                ? new HashSet<>(r.jsonPath().getList("streamId", String.class))
                : Set.of();
    }

    private static TokenBlock block(String stream, long seq) {
        return TokenBlock.newBuilder()
                .setStreamId(stream)
                .setTier(Tier.FAST)
                .setFirstSeq(seq)
                .setLastSeq(seq)
                .setFrames(List.of(new FrameRef(seq, seq * 1000, 0.1f)))
                .setGated(List.of())
                .setEncoderId("test")
                .setGridRows(1)
                .setGridCols(1)
                .setDim(2)
                .setTokens(List.of(new TokenRef(0, 0f, 0f, 1)))
                .setVectors(new Vectors(Precision.FP16, ByteBuffer.wrap(new byte[4]), List.of()))
                .setChain(List.of(new OperatorStep("pool", Map.of(), 1L, 1L)))
                .setTokensIn(1)
                .setTokensOut(1)
                .build();
    }

    /**
     * An OpenAI-compatible chat completions stub: checks the request shape (model, a system and a
     * user message, content parts of type text or image_url with JPEG data URLs) and answers citing
     * the last timeline label it was shown.
     */
    private static HttpServer openAiStub(List<String> requests) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/v1/chat/completions",
                ex -> {
                    try (ex) {
                        String body =
                                new String(
                                        ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                        JsonPath json = new JsonPath(body);
                        List<String> problems = new ArrayList<>();
                        if (!ex.getRequestMethod().equals("POST")) {
                            problems.add("method must be POST");
                        }
                        if (json.getString("model") == null) {
                            problems.add("model is missing");
                        }
                        if (!List.of("system", "user").equals(json.getList("messages.role"))) {
                            problems.add("expected a system and a user message");
                        }
                        for (Object type : json.getList("messages[1].content.type")) {
                            if (!type.equals("text") && !type.equals("image_url")) {
                                problems.add("unexpected part type " + type);
                            }
                        }
                        for (Object url : json.getList("messages[1].content.image_url.url")) {
                            if (url != null
                                    && !url.toString().startsWith("data:image/jpeg;base64,")) {
                                problems.add("image_url must be a JPEG data URL");
                            }
                        }
                        String reply;
                        int status;
                        if (problems.isEmpty()) {
                            requests.add(body);
                            Matcher m = LABEL.matcher(body);
                            String last = "[t=00:00:00.000]";
                            while (m.find()) {
                                last = m.group();
                            }
                            status = 200;
                            reply =
                                    "{\"id\":\"1\",\"object\":\"chat.completion\",\"model\":\"stub-vlm\","
                                            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                            + "\"content\":\"The scene changes at "
                                            + last
                                            + ".\"},\"finish_reason\":\"stop\"}],"
                                            + "\"usage\":{\"prompt_tokens\":1234,\"completion_tokens\":9}}";
                        } else {
                            status = 400;
                            reply = "{\"error\":\"" + String.join("; ", problems) + "\"}";
                        }
                        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
                        ex.getResponseHeaders().add("Content-Type", "application/json");
                        ex.sendResponseHeaders(status, bytes.length);
                        ex.getResponseBody().write(bytes);
                    }
                });
        server.start();
        return server;
    }

    private static int countOccurrences(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
