package dev.skim.bridge.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.bridge.TokenBlocks;
import dev.skim.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vocabulary with the real all-MiniLM-L6-v2 (from its jar, offline) and without it. A Quarkus
 * test, so that the tokenizer's native library is loaded by the app's class loader only (a JVM
 * loads it once).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class VocabularyTest {
    static Vocabulary minilm;
    static long startMillis;

    @BeforeAll
    static void load() {
        long t0 = System.nanoTime();
        minilm = new Vocabulary(SentenceEncoders.miniLm(1000), 0.75, 0.65);
        startMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    private static Matched top(Vocabulary v, String q) {
        List<Matched> m = v.parse(q).labels();
        return m.isEmpty() ? null : m.get(0);
    }

    @Test
    void shouldReachPersonFromPeopleAndPedestrianThroughTheSentenceEncoder() {
        for (String q : List.of("people", "pedestrian", "pedestrians", "a man", "woman", "human")) {
            Matched m = top(minilm, q);
            assertThat(m).as(q).isNotNull();
            assertThat(m.label()).as(q).isEqualTo("person");
            assertThat(m.similarity()).as(q).isBetween(0.75f, 0.999f);
        }
        assertThat(top(minilm, "motorbike").label()).isEqualTo("motorcycle");
        assertThat(top(minilm, "sofa").label()).isEqualTo("couch");
        assertThat(top(minilm, "cars")).isEqualTo(new Matched("OBJECT", "car", 1f));
        assertThat(top(minilm, "Is there a cell phone?").label()).isEqualTo("cell phone");
    }

    @Test
    void shouldMatchNothingForWordsOutsideTheVocabulary() {
        for (String q :
                List.of(
                        "forklift",
                        "What happens in the video?",
                        "when did a forklift enter aisle 3",
                        "explosion",
                        "tree")) {
            assertThat(minilm.parse(q).labels()).as(q).isEmpty();
        }
        assertThat(minilm.parse("forklift").noMatchNote())
                .isEqualTo(
                        "no tag matches 'forklift' (the vocabulary is the 80 COCO object classes"
                                + " and text read in frames)");
    }

    @Test
    void shouldMatchTextReadInFramesByWordTypoOrMeaning() {
        Query exit = minilm.parse("where is the exit?");
        assertThat(exit.score(List.of(TokenBlocks.text("EMERGENCY EXIT", 0.9f))))
                .hasValueSatisfying(
                        h -> {
                            assertThat(h.score()).isEqualTo(0.9f);
                            assertThat(h.basis())
                                    .isEqualTo("text 'EMERGENCY EXIT' (1.00 = 'exit')");
                        });
        assertThat(minilm.parse("exit").score(List.of(TokenBlocks.text("EX1T", 1f))))
                .hasValueSatisfying(h -> assertThat(h.score()).isEqualTo(0.9f));
        assertThat(minilm.parse("pizza").score(List.of(TokenBlocks.text("EXIT", 1f)))).isEmpty();
    }

    @Test
    void shouldMatchOnlyClassNamesWithoutAnEncoder() {
        Vocabulary words = new Vocabulary(SentenceEncoders.none(), 0.75, 0.65);
        assertThat(words.parse("people").labels()).isEmpty();
        assertThat(words.parse("two persons").labels())
                .containsExactly(new Matched("OBJECT", "person", 1f));
        assertThat(words.parse("traffic lights").labels())
                .containsExactly(new Matched("OBJECT", "traffic light", 1f));
    }

    @Test
    void shouldReportStartUpAndQueryCost() {
        List<String> queries =
                List.of(
                        "crowd",
                        "bus stop",
                        "dog walker",
                        "parked van",
                        "bike rack",
                        "umbrellas",
                        "luggage",
                        "laptop bag",
                        "kitchen",
                        "television",
                        "someone running",
                        "delivery truck",
                        "bird",
                        "horse rider",
                        "glass",
                        "tennis",
                        "keyboard",
                        "clock tower",
                        "pizza box",
                        "skateboarder");
        long t0 = System.nanoTime();
        for (String q : queries) {
            minilm.parse(q);
        }
        double perQuery = (System.nanoTime() - t0) / 1e6 / queries.size();
        long t1 = System.nanoTime();
        for (String q : queries) {
            minilm.parse(q);
        }
        double cached = (System.nanoTime() - t1) / 1e6 / queries.size();
        System.out.printf(
                Locale.ROOT,
                "MiniLM vocabulary: start-up %d ms (model load + 80 class prompts); %.1f ms a"
                        + " query (uncached), %.2f ms cached%n",
                startMillis,
                perQuery,
                cached);
        assertThat(perQuery).isPositive();
    }
}
