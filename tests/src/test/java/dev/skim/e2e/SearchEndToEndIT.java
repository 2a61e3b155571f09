package dev.skim.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tagging.FrameTag;
import dev.skim.core.tagging.NanoDetConfig;
import dev.skim.core.tagging.NanoDetTagger;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.FrameSource;
import dev.skim.video.SourceFrame;
import dev.skim.video.source.VideoFileSource;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Finding moments by words on real media (issue 17): the packaged compressor tags slow frames with
 * the real detector and OCR, the packaged bridge answers {@code /search}. The stream alternates
 * 4-second segments of vtest.avi (pedestrians outdoors) with segments of an empty wall, one with an
 * EXIT sign; search precision and recall for "person" are measured against the same detector run on
 * every frame in this JVM (a window has people when any of its frames does).
 */
@ExtendWith(KafkaBrokerExtension.class)
class SearchEndToEndIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final int SEGMENT = 40;
    private static final long FRAME_MILLIS = 100;
    private static final long WINDOW_MILLIS = 2000;
    private static final String STREAM = "path";

    /** Every slow frame tagged (the default tags one window in five), tails flushed soon. */
    private static final Map<String, String> COMPRESSOR =
            Map.of("skim.compressor.window.idle-flush", "2s", "skim.compressor.tags.every", "0s");

    private static AppProcess compressor;
    private static AppProcess bridge;

    @BeforeAll
    static void startApps(KafkaBroker broker) throws Exception {
        compressor = AppProcess.start("compressor", broker.bootstrapServers(), COMPRESSOR);
        bridge = AppProcess.start("llm-bridge", broker.bootstrapServers(), Map.of());
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

    @Test
    void searchShouldFindTheMomentsWithPeopleAndText(KafkaBroker broker) throws Exception {
        Path video =
                Path.of(System.getProperty("skim.shared.dir", "../../shared"), "data", "vtest.avi");
        assumeTrue(
                Files.isRegularFile(video),
                "skipped: " + video + " is absent (../shared/data is only beside CI checkouts)");
        List<BufferedImage> frames = stream(video);
        Set<Long> peopleWindows = windowsWithPeople(frames);

        try (FramePublisher publisher =
                FramePublisher.builder().bootstrapServers(broker.bootstrapServers()).build()) {
            publisher.publish(STREAM, new ListSource(frames), PublishOptions.defaults());
        }
        long windows = frames.size() * FRAME_MILLIS / WINDOW_MILLIS;
        JsonPath person = awaitSearch("person", windows);

        // precision and recall of "person" against the detector on every frame
        List<Long> found = person.getList("moments.ptsMillis", Long.class);
        Set<Long> foundWindows = new TreeSet<>();
        found.forEach(pts -> foundWindows.add(pts / WINDOW_MILLIS));
        long correct = foundWindows.stream().filter(peopleWindows::contains).count();
        double precision = foundWindows.isEmpty() ? 0 : (double) correct / foundWindows.size();
        double recall = (double) correct / peopleWindows.size();
        System.out.printf(
                "search q=person: %d moments in windows %s; windows with people on every frame's"
                        + " detection %s; precision %.2f, recall %.2f%n",
                found.size(), foundWindows, peopleWindows, precision, recall);
        assertThat(peopleWindows).hasSizeGreaterThanOrEqualTo(5);
        assertThat(precision).isGreaterThanOrEqualTo(0.8);
        assertThat(recall).isGreaterThanOrEqualTo(0.8);
        assertThat(person.getList("moments.matched.flatten()", String.class)).contains("person");
        assertThat(person.getList("moments.keyframe", String.class))
                .allSatisfy(k -> assertThat(k).startsWith("/v1/streams/" + STREAM + "/keyframes/"));

        // a word the vocabulary holds through the sentence encoder
        JsonPath people = search("people");
        assertThat(people.getList("matched.label", String.class)).contains("person");
        assertThat(people.getList("moments")).isNotEmpty();

        // text read in the frames: the EXIT sign is in segment 3 (12 s to 16 s)
        JsonPath exit = search("EXIT");
        List<Long> exitPts = exit.getList("moments.ptsMillis", Long.class);
        System.out.printf("search q=EXIT: moments at %s ms%n", exitPts);
        assertThat(exitPts).isNotEmpty();
        assertThat(exitPts.get(0))
                .isBetween(3 * SEGMENT * FRAME_MILLIS, 4 * SEGMENT * FRAME_MILLIS);

        // outside the vocabulary: said so
        JsonPath forklift = search("forklift");
        assertThat(forklift.getString("note")).contains("forklift");

        // search by example: a frame of vtest.avi the stream never had (frame 300), encoded by
        // the bridge with the stream's own encoder (MobileNetV2): the nearest moments are
        // pedestrian
        // moments, not walls
        io.restassured.response.Response similarResponse =
                given().baseUri(bridge.baseUrl())
                        .contentType("image/jpeg")
                        .queryParam("limit", 5)
                        .body(jpeg(frame(video, 300)))
                        .post("/v1/streams/" + STREAM + "/similar");
        if (similarResponse.statusCode() != 200) {
            System.out.println("bridge log:\n" + bridge.tail());
        }
        JsonPath similar = similarResponse.then().statusCode(200).extract().jsonPath();
        List<Long> similarPts = similar.getList("moments.ptsMillis", Long.class);
        System.out.printf(
                "similar to vtest frame 300: %s (tiers %s)%n",
                similarPts, similar.getList("moments.tier"));
        assertThat(similarPts)
                .hasSize(5)
                .allSatisfy(pts -> assertThat(peopleSegment(pts)).as("pts %d", pts).isTrue());

        // without an LLM, /ask answers extractively from the tags, with citations
        JsonPath ask =
                given().baseUri(bridge.baseUrl())
                        .contentType("application/json")
                        .body(Map.of("question", "When were people on the path?"))
                        .post("/v1/streams/" + STREAM + "/ask")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        String extractive = ask.getString("extractive.text");
        System.out.printf("ask without an LLM: %s%n", extractive);
        assertThat(ask.getString("answer")).isNull();
        assertThat(extractive).contains("person").contains("[t=");
        assertThat(ask.getBoolean("extractive.modelGenerated")).isFalse();
        assertThat(ask.getList("evidence.relevance.basis", String.class))
                .anySatisfy(b -> assertThat(b).contains("person"));

        reportCost();
    }

    private static boolean peopleSegment(long pts) {
        return (pts / (SEGMENT * FRAME_MILLIS)) % 2 == 0;
    }

    private static BufferedImage frame(Path video, int index) throws Exception {
        try (VideoFileSource source = VideoFileSource.open(video)) {
            for (int i = 0; i < index; i++) {
                source.next().orElseThrow();
            }
            return source.next().orElseThrow().image();
        }
    }

    private static byte[] jpeg(BufferedImage img) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** The compressor's tag time per slow frame and its share of encoding and tagging. */
    private static void reportCost() {
        String metrics = given().baseUri(compressor.baseUrl()).get("/q/metrics").asString();
        double encodeSum = metric(metrics, "skim_compressor_encode_time_seconds_sum", "");
        double encodeCount = metric(metrics, "skim_compressor_encode_time_seconds_count", "");
        double tagSum = 0;
        StringBuilder line = new StringBuilder();
        for (String tagger : List.of("nanodet-coco80", "ppocr-v4")) {
            String label = "tagger=\"" + tagger + "\"";
            double sum = metric(metrics, "skim_compressor_tag_time_seconds_sum", label);
            double count = metric(metrics, "skim_compressor_tag_time_seconds_count", label);
            tagSum += sum;
            line.append(
                    String.format(
                            "%s %.1f ms a slow frame (%d frames); ",
                            tagger, 1000 * sum / Math.max(1, count), (long) count));
        }
        System.out.printf(
                "tagging cost: %sencoder %.1f ms a frame (%d frames); tags are %.1f %% of encode +"
                        + " tag time at one slow frame per %d frames%n",
                line,
                1000 * encodeSum / Math.max(1, encodeCount),
                (long) encodeCount,
                100 * tagSum / (tagSum + encodeSum),
                WINDOW_MILLIS / FRAME_MILLIS);
        assertThat(tagSum).isPositive();
    }

    private static double metric(String metrics, String name, String label) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .filter(l -> l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static JsonPath search(String q) {
        return given().baseUri(bridge.baseUrl())
                .queryParam("q", q)
                .queryParam("limit", 100)
                .get("/v1/streams/" + STREAM + "/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until every window's keyframe is in the bridge, then searches. */
    private static JsonPath awaitSearch(String q, long windows) {
        Awaitility.await()
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            JsonPath s =
                                    given().baseUri(bridge.baseUrl())
                                            .get("/v1/streams/" + STREAM)
                                            .then()
                                            .extract()
                                            .jsonPath();
                            Integer keyframes =
                                    s.get("tiers.find { it.tier == 'KEYFRAMES' }.blocks");
                            return keyframes != null && keyframes >= windows;
                        });
        return search(q);
    }

    /**
     * 6 segments of 40 frames: vtest 0-39, wall, vtest 40-79, wall with an EXIT sign, vtest 80-119,
     * wall.
     */
    private static List<BufferedImage> stream(Path video) throws Exception {
        List<BufferedImage> people = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(video)) {
            while (people.size() < 3 * SEGMENT) {
                people.add(source.next().orElseThrow().image());
            }
        }
        int w = people.get(0).getWidth();
        int h = people.get(0).getHeight();
        List<BufferedImage> out = new ArrayList<>();
        for (int segment = 0; segment < 6; segment++) {
            for (int i = 0; i < SEGMENT; i++) {
                out.add(
                        segment % 2 == 0
                                ? people.get(segment / 2 * SEGMENT + i)
                                : wall(w, h, i, segment == 3));
            }
        }
        return out;
    }

    /** A wall with a door and a light that moves a little, optionally with an EXIT sign. */
    private static BufferedImage wall(int w, int h, int i, boolean exitSign) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(
                new java.awt.GradientPaint(
                        0, 0, new Color(190, 185, 170), w, h, new Color(140, 135, 120)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(90, 70, 50));
        g.fillRect(w / 8, h / 3, w / 6, h * 2 / 3);
        g.setColor(new Color(255, 250, 220, 60));
        g.fillOval(w / 2 + i * 2, h / 10, w / 5, h / 5);
        if (exitSign) {
            g.setColor(new Color(20, 140, 60));
            g.fillRect(w / 2, h / 2, w / 3, h / 6);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, h / 9));
            g.drawString("EXIT", w / 2 + w / 14, h / 2 + h / 8);
        }
        g.dispose();
        return img;
    }

    /** Windows (pts / window length) where the detector finds a person on any frame. */
    private static Set<Long> windowsWithPeople(List<BufferedImage> frames) {
        Set<Long> out = new TreeSet<>();
        try (NanoDetTagger detector = NanoDetTagger.open(NanoDetConfig.defaults())) {
            for (int i = 0; i < frames.size(); i++) {
                boolean person =
                        detector.tag(RgbImage.fromImage(frames.get(i))).stream()
                                .anyMatch(
                                        t ->
                                                t.kind() == FrameTag.Kind.OBJECT
                                                        && t.label().equals("person"));
                if (person) {
                    out.add(i * FRAME_MILLIS / WINDOW_MILLIS);
                }
            }
        }
        return out;
    }

    /** Frames in memory, 100 ms apart. */
    private static final class ListSource implements FrameSource {
        private final Iterator<BufferedImage> frames;
        private long pts;

        ListSource(List<BufferedImage> frames) {
            this.frames = frames.iterator();
        }

        @Override
        public Optional<SourceFrame> next() {
            if (!frames.hasNext()) {
                return Optional.empty();
            }
            SourceFrame f = new SourceFrame(pts, frames.next());
            pts += FRAME_MILLIS;
            return Optional.of(f);
        }

        @Override
        public String description() {
            return "vtest.avi segments and walls";
        }

        @Override
        public void close() {}
    }
}
