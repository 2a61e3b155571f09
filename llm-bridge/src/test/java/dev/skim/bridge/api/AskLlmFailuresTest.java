package dev.skim.bridge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skim.bridge.llm.StubServer;
import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every way the LLM call can fail, seen by a client of the ask API: the status, the problem JSON
 * and Retry-After that README.md ("LLM failures") states. The LLM is a loopback stub that checks
 * the OpenAI wire format; each test first asks once successfully, so the circuit (four failures in
 * a row) opens only in the test that opens it, which runs last.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = LlmStubResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AskLlmFailuresTest {

    StubServer stub;

    @BeforeAll
    static void publish() {
        AskResourceTest.publish();
    }

    @BeforeEach
    void askOnceSuccessfully() {
        stub.reset();
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .until(
                        () ->
                                given().header(ApiKeys.HEADER, AskResourceTest.ADMIN)
                                                .get("/v1/streams/cam-1")
                                                .statusCode()
                                        == 200);
        ask().statusCode(200)
                .body("answer", equalTo("A forklift enters at [t=00:00:02.000]."))
                .body("backend", equalTo("openai"));
        assertThat(stub.requests()).isNotEmpty();
        stub.reset();
    }

    private static ValidatableResponse ask() {
        return given().header(ApiKeys.HEADER, AskResourceTest.ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("question", "What happens at the dock?", "tokenBudget", 1200))
                .post("/v1/streams/cam-1/ask")
                .then();
    }

    private static ValidatableResponse problem(ValidatableResponse r, int status, String kind) {
        return r.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo("https://skim.dev/problems/" + kind));
    }

    @Test
    @Order(1)
    void shouldAnswer502NamingTheServerWhenTheLlmRefusesConnections() {
        stub.refuseConnections();
        try {
            problem(ask(), 502, "llm-unreachable")
                    .body("title", equalTo("Bad Gateway"))
                    .body("detail", containsString(stub.baseUrl() + " is unreachable"))
                    .body("detail", containsString("connection refused"));
        } finally {
            stub.listenAgain();
        }
    }

    @Test
    @Order(2)
    void shouldAnswer504WhenTheLlmDoesNotAnswerInTime() {
        stub.delay(3_000);

        problem(ask(), 504, "llm-timeout")
                .body("title", equalTo("Gateway Timeout"))
                .body("detail", containsString("did not answer within"));
    }

    @Test
    @Order(3)
    void shouldAnswer502WithTheLlmsStatusWhenItFailsWith5xx() {
        stub.failFirst(1, 500);

        problem(ask(), 502, "llm-failed")
                .body("title", equalTo("Bad Gateway"))
                .body("detail", containsString("answered HTTP 500"))
                .body("detail", containsString("scripted failure"));
    }

    @Test
    @Order(4)
    void shouldAnswer503WithTheLlmsRetryAfterWhenItIsRateLimited() {
        stub.failFirst(1, 429).failureHeader("Retry-After", "7");

        problem(ask(), 503, "llm-rate-limited")
                .header("Retry-After", "7")
                .body("title", equalTo("Service Unavailable"))
                .body("detail", containsString("answered HTTP 429"));
    }

    @Test
    @Order(5)
    void shouldAnswer503WithADefaultRetryAfterWhenARateLimitedLlmSaysNotHowLong() {
        stub.failFirst(1, 429);

        problem(ask(), 503, "llm-rate-limited").header("Retry-After", "1");
    }

    @Test
    @Order(6)
    void shouldAnswer502WhenTheLlmRejectsTheRequest() {
        stub.failFirst(1, 404);

        problem(ask(), 502, "llm-failed").body("detail", containsString("answered HTTP 404"));
    }

    @Test
    @Order(100)
    void shouldAnswer503WithRetryAfterAndStopCallingTheLlmOnceTheCircuitIsOpen() {
        stub.failFirst(1_000, 503);
        for (int i = 0; i < 4; i++) {
            problem(ask(), 502, "llm-failed");
        }
        int calls = stub.calls();

        problem(ask(), 503, "llm-circuit-open")
                .header("Retry-After", "600")
                .body("title", equalTo("Service Unavailable"))
                .body("detail", containsString("circuit breaker is open"));
        assertThat(stub.calls()).as("an open circuit does not call the LLM").isEqualTo(calls);
        assertThat(calls).isEqualTo(4);
    }
}
