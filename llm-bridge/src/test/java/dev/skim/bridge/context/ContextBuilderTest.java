package dev.skim.bridge.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Tier;
import dev.skim.bridge.TokenBlocks;
import dev.skim.bridge.llm.LlmRequest;
import dev.skim.bridge.llm.Modality;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextBuilderTest {
    /** Word-only matching (no sentence encoder): fast, and the same rules for a class's name. */
    static final dev.skim.bridge.search.Vocabulary WORDS =
            new dev.skim.bridge.search.Vocabulary(
                    dev.skim.bridge.search.SentenceEncoders.none(), 0.75, 0.65);

    /** 1000 fast frames, one a second; a slow frame every 100 s with a keyframe; novelty rises. */
    private static FakeMemory video() {
        FakeMemory m = new FakeMemory();
        for (long s = 0; s < 1000; s++) {
            m.add(TokenBlocks.block("v", Tier.FAST, s, s * 1000, 0.01f, 8, 4, "enc"));
        }
        for (long s = 50; s < 1000; s += 100) {
            m.add(TokenBlocks.block("v", Tier.SLOW, s, s * 1000, s / 1000f, 64, 4, "enc"));
            m.add(TokenBlocks.keyframe("v", s, s * 1000));
        }
        return m;
    }

    @Test
    void shouldStayWithinTheBudgetAndReturnMomentsInTimeOrder() {
        AskContext ctx =
                new ContextBuilder(video(), WORDS)
                        .build("v", "what happens?", 0, 999_000, 2000, Modality.IMAGES, 85, 8);

        assertThat(ctx.contextTokens()).isLessThanOrEqualTo(2000);
        assertThat(ctx.moments())
                .isSortedAccordingTo(java.util.Comparator.comparingLong(Moment::ptsMillis));
        assertThat(ctx.moments()).extracting(Moment::role).contains("coverage", "detail");
    }

    @Test
    void shouldSpreadCoverageEvenlyOverTheWholeRange() {
        AskContext ctx =
                new ContextBuilder(video(), WORDS)
                        .build("v", "q", 0, 999_000, 1000, Modality.IMAGES, 85, 0);

        List<Long> pts =
                ctx.moments().stream()
                        .filter(m -> m.role().equals("coverage"))
                        .map(Moment::ptsMillis)
                        .toList();
        assertThat(pts).hasSizeGreaterThan(10);
        assertThat(pts.get(0)).isZero();
        assertThat(pts.get(pts.size() - 1)).isEqualTo(999_000);
        long step = 999_000 / (pts.size() - 1);
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i) - pts.get(i - 1)).isBetween(step - 1000, step + 1000);
        }
    }

    @Test
    void shouldPickTheMostNovelSlowFramesWhenNoTagMatchesTheQuestion() {
        AskContext ctx =
                new ContextBuilder(video(), WORDS)
                        .build("v", "q", 0, 999_000, 2000, Modality.IMAGES, 85, 2);

        assertThat(ctx.moments().stream().filter(m -> m.role().equals("detail")))
                .extracting(Moment::seq)
                .containsExactly(850L, 950L);
        assertThat(ctx.relevance()).contains("ranked by novelty", "no tag matches 'q'");
        assertThat(ctx.moments().stream().filter(m -> m.role().equals("detail")))
                .allSatisfy(
                        m ->
                                assertThat(m.keyframe())
                                        .isEqualTo("/v1/streams/v/keyframes/" + m.seq()));
    }

    @Test
    void shouldPickTheSlowFrameWhoseTagsMatchTheQuestionOverAMoreNovelOne() {
        FakeMemory m = new FakeMemory();
        m.add(
                TokenBlocks.withVectors(
                        "v", Tier.SLOW, 1, 1000, 0.9f, List.of(new float[] {1, 0, 0}), "enc"));
        m.add(
                TokenBlocks.withVectors(
                        "v", Tier.SLOW, 2, 2000, 0.1f, List.of(new float[] {0, 1, 0}), "enc"));
        m.add(
                TokenBlocks.keyframe(
                        "v", 1, 1000, TokenBlocks.object("car", 0.8f, 0, 0, 0.2f, 0.2f)));
        m.add(
                TokenBlocks.keyframe(
                        "v", 2, 2000, TokenBlocks.object("person", 0.7f, 0.1f, 0.2f, 0.1f, 0.3f)));

        AskContext ctx =
                new ContextBuilder(m, WORDS)
                        .build("v", "where is the person?", 0, 3000, 600, Modality.IMAGES, 85, 1);

        // room for one detail image only: the frame whose tags match wins over the more novel one
        List<Moment> details =
                ctx.moments().stream().filter(x -> x.role().equals("detail")).toList();
        assertThat(details).hasSize(1);
        Moment detail = details.get(0);
        assertThat(detail.seq()).isEqualTo(2);
        assertThat(detail.relevance().score()).isEqualTo(0.7f);
        assertThat(detail.relevance().basis()).isEqualTo("tag person (1.00 = 'person')");
        assertThat(detail.tags()).extracting(t -> t.label()).containsExactly("person");
        assertThat(ctx.relevance()).contains("ranked by how well its tags match the question");
        assertThat(ctx.extractive().text())
                .isEqualTo("person seen at [t=00:00:02.000] (1 moment).");
        assertThat(ctx.extractive().citations()).extracting(Moment::seq).containsExactly(2L);
        assertThat(PromptRenderer.line(detail)).endsWith("(detail); tags: person 0.70");
    }

    @Test
    void shouldFallBackToNoveltyAndSayWhatWasSeenWhenNoTagMatches() {
        FakeMemory m = new FakeMemory();
        m.add(TokenBlocks.block("v", Tier.SLOW, 1, 1000, 0.9f, 4, 3, "enc"));
        m.add(TokenBlocks.block("v", Tier.SLOW, 2, 2000, 0.1f, 4, 3, "enc"));
        m.add(TokenBlocks.keyframe("v", 1, 1000, TokenBlocks.text("EXIT", 0.9f)));
        m.add(TokenBlocks.keyframe("v", 2, 2000, TokenBlocks.object("person", 0.7f, 0, 0, 1, 1)));

        AskContext ctx =
                new ContextBuilder(m, WORDS)
                        .build("v", "forklift?", 0, 3000, 4000, Modality.NONE, 85, 8);

        assertThat(ctx.relevance())
                .isEqualTo(
                        "slow detail ranked by novelty: no tag matches 'forklift?' (the vocabulary"
                                + " is the 80 COCO object classes and text read in frames)");
        Moment first =
                ctx.moments().stream().filter(x -> x.role().equals("detail")).findFirst().get();
        assertThat(first.relevance().basis()).startsWith("novelty: no tag matches 'forklift?'");
        assertThat(ctx.extractive().text())
                .startsWith("No tag matches 'forklift?'")
                .contains("Seen in this range: text 'EXIT' at 1 moment ([t=00:00:01.000])")
                .contains("person at 1 moment ([t=00:00:02.000])")
                .endsWith("Most novel slow frames: [t=00:00:01.000], [t=00:00:02.000].");
    }

    @Test
    void shouldCountEmbeddingTokensAgainstTheBudgetAndRenderOneEmbeddingPerDetailFrame() {
        FakeMemory memory = video();
        AskContext ctx =
                new ContextBuilder(memory, WORDS)
                        .build("v", "q", 0, 999_000, 600, Modality.EMBEDDINGS, 85, 8);

        long details = ctx.moments().stream().filter(m -> m.role().equals("detail")).count();
        // half of 600 minus the instructions (121) leaves room for two 64-token frames + lines
        assertThat(details).isEqualTo(2);
        LlmRequest request = PromptRenderer.render(ctx, Modality.EMBEDDINGS, memory, 100);
        assertThat(request.partsOf(LlmRequest.Embedding.class))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.rows()).isEqualTo(64));
        assertThat(request.partsOf(LlmRequest.Image.class)).isEmpty();
    }

    @Test
    void shouldLabelEveryMomentWithItsTimestampInThePromptAndEndWithTheQuestion() {
        FakeMemory memory = video();
        AskContext ctx =
                new ContextBuilder(memory, WORDS)
                        .build("v", "where is it?", 0, 999_000, 1500, Modality.IMAGES, 85, 3);

        LlmRequest request = PromptRenderer.render(ctx, Modality.IMAGES, memory, 100);

        List<String> lines =
                request.partsOf(LlmRequest.Text.class).stream().map(LlmRequest.Text::text).toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Question: where is it?");
        assertThat(lines.subList(1, lines.size() - 1))
                .allMatch(l -> l.matches("\\[t=\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] .*"));
        assertThat(request.partsOf(LlmRequest.Image.class)).hasSize(3);
        // each image follows its own timeline line
        List<LlmRequest.Part> parts = request.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof LlmRequest.Image img) {
                assertThat(((LlmRequest.Text) parts.get(i - 1)).text())
                        .startsWith("[t=" + Moment.label(img.ptsMillis()) + "]");
            }
        }
    }

    @Test
    void shouldFindTheMomentsAnAnswerCites() {
        List<Moment> moments =
                List.of(
                        new Moment(
                                1,
                                1000,
                                Moment.label(1000),
                                "FAST",
                                "coverage",
                                0,
                                8,
                                null,
                                null,
                                List.of()),
                        new Moment(
                                2,
                                62_500,
                                Moment.label(62_500),
                                "SLOW",
                                "detail",
                                0,
                                64,
                                null,
                                null,
                                List.of()),
                        new Moment(
                                3,
                                62_900,
                                Moment.label(62_900),
                                "FAST",
                                "coverage",
                                0,
                                8,
                                null,
                                null,
                                List.of()));

        assertThat(Citations.cited("It enters at [t=00:01:02.500] and leaves.", moments))
                .extracting(Moment::seq)
                .containsExactly(2L);
        assertThat(Citations.cited("Around t=00:01:02 something moves", moments))
                .extracting(Moment::seq)
                .containsExactly(2L, 3L);
        assertThat(Citations.cited(null, moments)).isEmpty();
    }

    @Test
    void shouldWriteADeterministicSummaryLabelledAsNotModelGenerated() {
        AskContext ctx =
                new ContextBuilder(video(), WORDS)
                        .build("v", "q", 0, 999_000, 2000, Modality.NONE, 85, 8);

        String a = TimelineSummary.of(ctx);
        assertThat(a).isEqualTo(TimelineSummary.of(ctx));
        assertThat(a)
                .contains(
                        "1000 frames with tokens in memory",
                        "10 slow-tier frames",
                        "[t=00:15:50.000]");
        assertThat(TimelineSummary.LABEL).contains("not model-generated");
    }
}
