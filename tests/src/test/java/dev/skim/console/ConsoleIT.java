package dev.skim.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skim.avro.FrameRef;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Precision;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.avro.Vectors;
import dev.skim.e2e.AppProcess;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.FrameSource;
import dev.skim.video.source.VideoFileSource;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The console in a real browser (Debian's headless Chromium) against the packaged compressor and
 * bridge on a real broker, with API keys on: a few seconds of video, a frame that cannot be decoded
 * (a dead letter), then the pages as a person uses them at desktop and phone width. Skipped when
 * chromium or chromedriver is not installed ({@code .ci/run} installs both).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ConsoleIT {

    private static final String STREAM = "lobby";
    private static final String ADMIN_KEY = "console-admin-key";
    private static final String CAMS_KEY = "console-cams-key";
    private static final int FRAMES = 60;
    private static final String LONG = "yard-long";
    private static final long HOUR = 3_600_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** Why the tests are skipped when the browser is absent. */
    private static final String SKIPPED =
            "skipped: the console's browser tests need "
                    + Browser.CHROMIUM
                    + " and "
                    + Browser.CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver; .ci/run installs them)";

    private static AppProcess compressor;
    private static AppProcess bridge;

    @BeforeAll
    static void startAppsAndPublish(KafkaBroker broker) throws Exception {
        if (!Browser.available()) {
            System.out.println("[console] " + SKIPPED);
            return;
        }
        compressor = AppProcess.start("compressor", broker.bootstrapServers(), Map.of());
        bridge =
                AppProcess.start(
                        "llm-bridge",
                        broker.bootstrapServers(),
                        Map.of(
                                "quarkus.kafka-streams.application-id", "skim-bridge-console",
                                "skim.bridge.auth.enabled", "true",
                                "skim.bridge.auth.keys.admin.secret", ADMIN_KEY,
                                "skim.bridge.auth.keys.admin.streams", "*",
                                "skim.bridge.auth.keys.cams.secret", CAMS_KEY,
                                "skim.bridge.auth.keys.cams.streams", "cam-*"));

        // 1. A few seconds of video: the first frames of vtest.avi, or synthetic ones without it.
        Path video =
                Path.of(System.getProperty("skim.shared.dir", "../../shared"), "data", "vtest.avi");
        try (FramePublisher publisher =
                        FramePublisher.builder()
                                .bootstrapServers(broker.bootstrapServers())
                                .build();
                FrameSource source =
                        Files.isRegularFile(video)
                                ? VideoFileSource.open(video)
                                : SyntheticVideoSource.of(
                                        new SyntheticSpec(320, 180, 10, FRAMES, 11, 2, 2))) {
            publisher.publish(STREAM, source, PublishOptions.defaults().withMaxFrames(FRAMES));
        }
        // 2. A frame that is not an image: the compressor sends it to skim.frames.dlq.
        try (var raw =
                new KafkaProducer<>(
                        broker.clientProperties(),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            raw.send(
                            new ProducerRecord<>(
                                    Topics.FRAMES,
                                    STREAM,
                                    "not an image".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        // 3. A long stream: one FAST block at 0, 1.5 h and 3 h (straight into skim.tokens).
        Topics topics = Topics.defaults();
        try (var tokens =
                new KafkaProducer<>(
                        broker.clientProperties(),
                        topics.tokens().keySerde().serializer(),
                        topics.tokens().valueSerde().serializer())) {
            for (long seq = 0; seq < 3; seq++) {
                tokens.send(new ProducerRecord<>(Topics.TOKENS, LONG, block(LONG, seq)));
            }
        }
        // 4. Wait until the bridge holds every frame and the dead letter is there.
        Awaitility.await()
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .conditionEvaluationListener(
                        c -> {
                            if (c.getRemainingTimeInMS() <= 500) {
                                System.out.println(
                                        "compressor:\n"
                                                + compressor.tail()
                                                + "\nbridge:\n"
                                                + bridge.tail());
                            }
                        })
                .until(
                        () -> {
                            var s =
                                    given().baseUri(bridge.baseUrl())
                                            .header("X-API-Key", ADMIN_KEY)
                                            .get("/v1/streams/" + STREAM);
                            var d =
                                    given().baseUri(bridge.baseUrl())
                                            .header("X-API-Key", ADMIN_KEY)
                                            .get("/v1/dead-letters");
                            var l =
                                    given().baseUri(bridge.baseUrl())
                                            .header("X-API-Key", ADMIN_KEY)
                                            .get("/v1/streams/" + LONG);
                            return s.statusCode() == 200
                                    && s.jsonPath().getInt("frames") == FRAMES
                                    && l.statusCode() == 200
                                    && l.jsonPath().getInt("frames") == 3
                                    && d.statusCode() == 200
                                    && !d.jsonPath().getList("records").isEmpty();
                        });
    }

    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(Browser.available(), SKIPPED);
    }

    @AfterAll
    static void stopApps() {
        if (bridge != null) {
            bridge.close();
        }
        if (compressor != null) {
            compressor.close();
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800, desktop", "390, 844, phone"})
    void shouldShowTheStreamItsMomentsAnAnswersEvidenceAndTheDeadLetters(
            int width, int height, String name) throws Exception {
        try (Browser b = Browser.open(width, height)) {
            // The key is in the tab's sessionStorage, as the key dialog leaves it.
            b.get(bridge.baseUrl() + "/console/style.css");
            b.js("sessionStorage.setItem('skim.apiKey', arguments[0])", ADMIN_KEY);

            // 1. The overview lists the stream with all its frames.
            b.get(bridge.baseUrl() + "/#/streams");
            WebElement frames =
                    b.awaitShown("tr[data-stream='" + STREAM + "'] td[data-col='frames']");
            assertThat(frames.getText()).isEqualTo(String.valueOf(FRAMES));
            b.await(
                    "the lag of the stream's partition is shown",
                    d ->
                            b.find("tr[data-stream='" + STREAM + "'] td[data-col='lag']")
                                    .getText()
                                    .endsWith("rec"));
            assertThat(
                            (Long)
                                    b.js(
                                            "return document.documentElement.scrollWidth"
                                                    + " - document.documentElement.clientWidth"))
                    .as("the page is not wider than the window")
                    .isLessThanOrEqualTo(0L);
            b.screenshot("overview-" + name);
            assertReadable(b);
            boolean search =
                    given().baseUri(bridge.baseUrl())
                            .get("/q/openapi?format=json")
                            .jsonPath()
                            .getMap("paths")
                            .containsKey("/v1/streams/{id}/search");
            if (search) {
                // Search over all streams: a hit opens the stream at its moment.
                WebElement all = b.awaitShown("#search-all-input");
                all.sendKeys("person" + Keys.ENTER);
                WebElement hit =
                        b.awaitShown("#search-all-output .search-results li a.moment-link");
                String hitMs = hit.findElement(By.xpath("..")).getDomAttribute("data-ms");
                hit.click();
                b.await(
                        "the search hit opens the stream at its moment",
                        d -> hitMs.equals(b.find("#timeline").getDomAttribute("data-selected-ms")));
                b.get(bridge.baseUrl() + "/#/streams");
                b.awaitShown("tr[data-stream='" + STREAM + "']");
            }

            // 2. Clicking a keyframe thumbnail on the timeline shows that keyframe large, with the
            // patches its kept tokens come from.
            b.awaitShown("a.stream-link").click();
            WebElement thumb =
                    b.await(
                            "a keyframe thumbnail is loaded",
                            d -> {
                                List<WebElement> t = b.all("#timeline img.thumb[src^='blob:']");
                                return t.isEmpty() ? null : t.get(t.size() - 1);
                            });
            String seq = thumb.getDomAttribute("data-seq");
            String ms = thumb.getDomAttribute("data-ms");
            b.scrollTo(thumb);
            new Actions(b.driver()).moveToElement(thumb).click().perform();
            b.await(
                    "the keyframe of frame " + seq + " is shown large",
                    d -> {
                        List<WebElement> img = b.all("img#moment-image[src^='blob:']");
                        return !img.isEmpty()
                                && img.get(0).getDomAttribute("data-link") != null
                                && img.get(0).getDomAttribute("data-link").endsWith("/" + seq);
                    });
            assertThat(b.find("#moment-time").getText())
                    .isEqualTo("t=" + label(Long.parseLong(ms)));
            assertThat(b.find("#moment-seq").getText()).isEqualTo(seq);
            assertThat(b.all("#moment svg.overlay rect.token")).isNotEmpty();
            b.js(
                    "document.querySelector('h1').scrollIntoView({block: 'start', behavior: 'instant'})");
            b.screenshot("stream-" + name);
            if (width > 1000) {
                // the README's picture: the timeline and the moment in one window
                b.driver().manage().window().setSize(new Dimension(width, 1350));
                b.js("window.scrollTo(0, 0)");
                b.screenshot("stream-tall-" + name);
                b.driver().manage().window().setSize(new Dimension(width, height));
            }
            b.scrollTo(b.find("#moment"));
            b.screenshot("moment-" + name);
            assertReadable(b);

            // 3. Keyboard scrubbing: the left arrow moves to the frame before.
            WebElement timeline = b.find("#timeline");
            long before = Long.parseLong(timeline.getDomAttribute("data-selected-ms"));
            timeline.sendKeys(Keys.ARROW_LEFT);
            b.await(
                    "the left arrow moves the timeline back",
                    d ->
                            Long.parseLong(b.find("#timeline").getDomAttribute("data-selected-ms"))
                                    < before);

            // Mouse scrubbing: dragging from the left end of the strip to the right moves on.
            b.scrollTo(timeline);
            int half = timeline.getSize().getWidth() / 2;
            new Actions(b.driver())
                    .moveToElement(timeline, -half + 60, 40)
                    .clickAndHold()
                    .moveByOffset(half, 0)
                    .release()
                    .perform();
            long dragged = Long.parseLong(timeline.getDomAttribute("data-selected-ms"));
            assertThat(dragged)
                    .as("the frame under the pointer after the drag")
                    .isGreaterThan(1500L);

            // 4. Ask: without an LLM the evidence and the summary come back, labelled; each
            // citation link moves the timeline to its moment.
            WebElement question = b.find("#ask-question");
            b.scrollTo(question);
            question.sendKeys("When does someone walk through the lobby?");
            b.find("#ask-submit").click();
            b.awaitShown("#answer-box .answer");
            assertThat(b.find("#answer-box").getText()).contains("not model-generated");
            List<WebElement> evidence = b.all("#evidence li a.cite");
            assertThat(evidence).hasSizeGreaterThan(1);
            for (WebElement link : List.of(evidence.get(evidence.size() / 2), evidence.get(0))) {
                String cited = link.getDomAttribute("data-ms");
                b.scrollTo(link);
                link.click();
                b.await(
                        "citation " + link.getText() + " moves the timeline",
                        d -> cited.equals(b.find("#timeline").getDomAttribute("data-selected-ms")));
                assertThat(b.find("#selected-time").getText())
                        .startsWith("t=" + label(Long.parseLong(cited)));
            }
            // the answer's own citations (the extractive answer's, else the summary's) too
            List<WebElement> answerLinks = b.all("#answer-box .extractive a.cite");
            if (answerLinks.isEmpty()) {
                answerLinks = b.all("#answer-box .summary a.cite");
            }
            assertThat(answerLinks).isNotEmpty();
            WebElement answerLink = answerLinks.get(answerLinks.size() - 1);
            String answerMs = answerLink.getDomAttribute("data-ms");
            b.scrollTo(answerLink);
            answerLink.click();
            b.await(
                    "answer citation " + answerLink.getText() + " moves the timeline",
                    d -> answerMs.equals(b.find("#timeline").getDomAttribute("data-selected-ms")));
            b.js(
                    "document.getElementById('answer-box').scrollIntoView({block: 'start', behavior: 'instant'})");
            b.screenshot("ask-" + name);
            assertReadable(b);

            // 5. Search, where the bridge has it (else the box is hidden).
            if (search) {
                WebElement input = b.awaitShown("#search-input");
                b.scrollTo(input);
                input.sendKeys("person" + Keys.ENTER);
                b.await(
                        "search answers with moments or a note",
                        d ->
                                !b.all("#search-output .search-results li").isEmpty()
                                        || !b.all("#search-output .note, #search-output .empty")
                                                .isEmpty());
                List<WebElement> hits = b.all("#search-output .search-results li a.moment-link");
                if (!hits.isEmpty()) {
                    assertThat(b.all("#timeline path.mark")).hasSize(hits.size());
                    String hitMs =
                            hits.get(0).findElement(By.xpath("..")).getDomAttribute("data-ms");
                    hits.get(0).click();
                    b.await(
                            "a search hit moves the timeline",
                            d ->
                                    hitMs.equals(
                                            b.find("#timeline")
                                                    .getDomAttribute("data-selected-ms")));
                }
                b.screenshot("search-" + name);
                assertReadable(b);
            } else {
                System.out.println("[console] no search endpoint in the bridge: the box is hidden");
                assertThat(b.find("#search").isDisplayed()).isFalse();
            }

            // 6. Dead letters: the frame that was not an image, with stage, reason, coordinates.
            b.get(bridge.baseUrl() + "/#/dead-letters");
            WebElement row = b.awaitShown("table.dlq tbody tr");
            assertThat(row.getText()).contains(STREAM).contains("skim.frames/");
            b.screenshot("dead-letters-" + name);
            assertReadable(b);

            assertThat(b.errors(m -> false)).as("errors in the browser console").isEmpty();
        }
    }

    @Test
    void shouldRefuseABadKeyAndShowAKeyOnlyItsStreams() throws Exception {
        try (Browser b = Browser.open(1280, 800)) {
            // 1. Without a key the console asks for one.
            b.get(bridge.baseUrl() + "/");
            b.awaitShown("#key-dialog");
            assertThat(b.find("#key-why").getText()).contains("needs an API key");

            // 2. A bad key is refused, with the bridge's reason.
            b.find("#key-input").sendKeys("not-a-key" + Keys.ENTER);
            WebElement error = b.awaitShown("#key-error");
            assertThat(error.getText()).contains("refused").contains("not valid");
            b.screenshot("bad-key");

            // 3. A key for cam-* streams sees none of the lobby.
            b.find("#key-input").sendKeys(CAMS_KEY + Keys.ENTER);
            b.await("the dialog closes", d -> !b.find("#key-dialog").isDisplayed());
            b.awaitShown("main .empty");
            assertThat(b.all("tr[data-stream='" + STREAM + "']")).isEmpty();
            b.get(bridge.baseUrl() + "/#/streams/" + STREAM);
            b.await(
                    "the stream page says the key may not read the stream",
                    d -> b.pageText().contains("may not read stream '" + STREAM + "'"));

            // 4. Only the refusals (401, 403) are in the browser console.
            assertThat(b.errors(m -> m.contains("401") || m.contains("403")))
                    .as("errors in the browser console other than the refusals")
                    .isEmpty();
        }
    }

    @Test
    void shouldShowTheLatestHourOfALongStreamAndTheHourAroundAMomentAskedFor() throws Exception {
        try (Browser b = Browser.open(1280, 800)) {
            b.get(bridge.baseUrl() + "/console/style.css");
            b.js("sessionStorage.setItem('skim.apiKey', arguments[0])", ADMIN_KEY);

            // 1. By default the last hour of the stream, following it.
            b.get(bridge.baseUrl() + "/#/streams/" + LONG);
            b.await(
                    "the timeline shows the latest hour",
                    d ->
                            b.find("#timeline-range")
                                    .getText()
                                    .startsWith("t=02:00:00.000 – t=03:00:00.000"));
            assertThat(b.find("#timeline").getDomAttribute("aria-valuemax")).isEqualTo("0");

            // 2. A link to a moment outside it shows the hour around that moment.
            b.get(bridge.baseUrl() + "/#/streams/" + LONG + "?t=" + (HOUR * 3 / 2));
            b.await(
                    "the timeline shows the hour around 1.5 h",
                    d ->
                            b.find("#timeline-range")
                                            .getText()
                                            .equals("t=01:00:00.000 – t=02:00:00.000")
                                    && String.valueOf(HOUR * 3 / 2)
                                            .equals(
                                                    b.find("#timeline")
                                                            .getDomAttribute("data-selected-ms")));

            // 3. Back to the latest hour.
            b.awaitShown("#timeline-latest").click();
            b.await(
                    "the timeline follows the stream again",
                    d -> b.find("#timeline-range").getText().contains("latest hour"));
            assertThat(b.errors(m -> false)).as("errors in the browser console").isEmpty();
        }
    }

    @Test
    void shouldFlagTextBelowTheContrastItChecks() throws Exception {
        try (Browser b = Browser.open(400, 300)) {
            b.get(
                    "data:text/html,<body style='background:%23fff'><p style='color:%23999'>grey</p>"
                            + "<p style='color:%23222'>dark</p><h1 style='color:%23888;"
                            + "font-size:30px'>big</h1></body>");
            assertThat(b.lowContrast()).singleElement().asString().contains("'grey'");
        }
    }

    private static TokenBlock block(String stream, long seq) {
        return TokenBlock.newBuilder()
                .setStreamId(stream)
                .setTier(Tier.FAST)
                .setFirstSeq(seq)
                .setLastSeq(seq)
                .setFrames(List.of(new FrameRef(seq, seq * HOUR * 3 / 2, 0.5f)))
                .setGated(List.of())
                .setEncoderId("test")
                .setGridRows(2)
                .setGridCols(2)
                .setDim(2)
                .setTokens(List.of(new TokenRef(0, 0f, 1f, 1)))
                .setVectors(new Vectors(Precision.FP16, ByteBuffer.wrap(new byte[4]), List.of()))
                .setChain(List.of(new OperatorStep("pool", Map.of(), 4L, 1L)))
                .setTokensIn(4)
                .setTokensOut(1)
                .build();
    }

    /** No value rendered as a JavaScript accident. */
    private static void assertReadable(Browser b) {
        assertThat(b.pageText()).doesNotContain("[object ", "undefined", "NaN");
        assertThat(b.lowContrast()).as("text below WCAG AA contrast").isEmpty();
    }

    /** HH:MM:SS.mmm, as the console and the bridge label moments. */
    static String label(long ms) {
        return String.format(
                "%02d:%02d:%02d.%03d",
                ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, ms % 1000);
    }
}
