package dev.skim.bridge.api;

import dev.skim.avro.TokenBlock;
import dev.skim.bridge.config.BridgeConfig;
import dev.skim.bridge.context.AskContext;
import dev.skim.bridge.context.Citations;
import dev.skim.bridge.context.ContextBuilder;
import dev.skim.bridge.context.Extractive;
import dev.skim.bridge.context.PromptRenderer;
import dev.skim.bridge.context.TimelineSummary;
import dev.skim.bridge.llm.Completion;
import dev.skim.bridge.llm.LlmBackend;
import dev.skim.bridge.llm.LlmException;
import dev.skim.bridge.llm.LlmRequest;
import dev.skim.bridge.llm.LlmUnavailableException;
import dev.skim.bridge.llm.Modality;
import dev.skim.bridge.memory.StreamInfo;
import dev.skim.bridge.memory.TokenMemory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Answers questions: checks limits, builds the context, calls the backend, cites moments. */
@ApplicationScoped
public class AskService {
    private static final Logger LOG = Logger.getLogger(AskService.class);

    private final TokenMemory memory;
    private final ContextBuilder contexts;
    private final LlmBackend backend;
    private final BridgeConfig config;
    private final MeterRegistry metrics;

    AskService(
            TokenMemory memory,
            ContextBuilder contexts,
            LlmBackend backend,
            BridgeConfig config,
            MeterRegistry metrics) {
        this.memory = memory;
        this.contexts = contexts;
        this.backend = backend;
        this.config = config;
        this.metrics = metrics;
    }

    void logBackend(@Observes StartupEvent e) {
        LOG.infof(
                "LLM backend: %s%s; search and relevance: sentence encoder %s",
                backend.name(),
                backend.model() == null ? "" : " (model " + backend.model() + ")",
                config.search().encoder());
    }

    /** Checks the request against the limits and chooses the context. */
    public AskContext prepare(String streamId, AskRequest request) {
        BridgeConfig.Limits limits = config.limits();
        checkQuestion(request, limits);
        int budget =
                request.tokenBudget() == null ? limits.defaultTokenBudget() : request.tokenBudget();
        if (budget < limits.minTokenBudget() || budget > limits.maxTokenBudget()) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "tokenBudget must be between "
                            + limits.minTokenBudget()
                            + " and "
                            + limits.maxTokenBudget()
                            + ", got "
                            + budget);
        }
        StreamInfo stream =
                memory.stream(streamId)
                        .orElseThrow(
                                () ->
                                        ProblemKind.NOT_FOUND.exception(
                                                "No stream '"
                                                        + streamId
                                                        + "' in the token memory"));
        Range range = range(request, stream, limits.maxAskRange().toMillis());
        return contexts.build(
                streamId,
                request.question(),
                range.from(),
                range.to(),
                budget,
                backend.modality(),
                config.llm().imageTokens(),
                config.llm().maxImages());
    }

    private static void checkQuestion(AskRequest request, BridgeConfig.Limits limits) {
        if (request == null) {
            throw ProblemKind.BAD_REQUEST.exception("a JSON body {\"question\": ...} is required");
        }
        if (request.question() == null || request.question().isBlank()) {
            throw ProblemKind.BAD_REQUEST.exception("question must not be blank");
        }
        if (request.question().length() > limits.maxQuestionChars()) {
            throw ProblemKind.PAYLOAD_TOO_LARGE.exception(
                    "question has "
                            + request.question().length()
                            + " characters; the limit is "
                            + limits.maxQuestionChars()
                            + " (skim.bridge.limits.max-question-chars)");
        }
    }

    /** The asked time range: by default the stream's last {@code maxRange} milliseconds. */
    private static Range range(AskRequest request, StreamInfo stream, long maxRange) {
        long to = request.to() == null ? stream.totals().lastPtsMillis() : request.to();
        long from =
                request.from() == null
                        ? Math.max(Math.min(stream.totals().firstPtsMillis(), to), to - maxRange)
                        : request.from();
        if (from > to) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "from and to must satisfy from <= to (milliseconds), got from="
                            + from
                            + " to="
                            + to);
        }
        if (to - from > maxRange) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "the time range from="
                            + from
                            + " to="
                            + to
                            + " spans "
                            + (to - from)
                            + " ms; the limit is "
                            + maxRange
                            + " ms (skim.bridge.limits.max-ask-range)");
        }
        return new Range(from, to);
    }

    /** Presentation times in milliseconds, inclusive. */
    private record Range(long from, long to) {}

    /** Asks the backend (when there is one) and builds the response. */
    public AskResponse answer(AskContext ctx) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "error";
        try {
            AskResponse r = answerTimed(ctx);
            outcome = r.answer() == null ? "no-llm" : "answered";
            return r;
        } finally {
            sample.stop(
                    metrics.timer(
                            "skim.bridge.ask", "backend", backend.name(), "outcome", outcome));
        }
    }

    private AskResponse answerTimed(AskContext ctx) {
        AskResponse.Summary summary =
                new AskResponse.Summary(TimelineSummary.of(ctx), false, TimelineSummary.LABEL);
        if (backend.modality() == Modality.NONE) {
            return response(
                    ctx, null, dev.skim.bridge.llm.LlmBackends.noLlmReason(), summary, null, null);
        }
        for (AskContext.Detail d : ctx.details().values()) {
            TokenBlock b = d.block();
            Optional<String> why = backend.unusableFor(b.getEncoderId(), b.getDim());
            if (why.isPresent()) {
                throw ProblemKind.UNPROCESSABLE_CONTENT.exception(why.get());
            }
        }
        LlmRequest request =
                PromptRenderer.render(
                        ctx, backend.modality(), memory, config.llm().maxAnswerTokens());
        Completion c;
        try {
            c = backend.complete(request);
        } catch (LlmUnavailableException e) {
            LOG.warnf(
                    "LLM backend %s not called for stream %s: %s",
                    backend.name(), ctx.streamId(), e.getMessage());
            throw ProblemKind.of(e);
        } catch (LlmException e) {
            LOG.warnf(
                    "LLM backend %s failed (%s) for stream %s: %s",
                    backend.name(), e.failure(), ctx.streamId(), e.getMessage());
            throw ProblemKind.of(e);
        }
        return response(ctx, c, null, summary, request, c.model());
    }

    private AskResponse response(
            AskContext ctx,
            Completion c,
            String reason,
            AskResponse.Summary summary,
            LlmRequest request,
            String model) {
        int images = request == null ? 0 : request.partsOf(LlmRequest.Image.class).size();
        int embedded =
                request == null
                        ? 0
                        : request.partsOf(LlmRequest.Embedding.class).stream()
                                .mapToInt(LlmRequest.Embedding::rows)
                                .sum();
        String answer = c == null ? null : c.text();
        AskResponse.ExtractiveAnswer extractive =
                c == null
                        ? new AskResponse.ExtractiveAnswer(
                                ctx.extractive().text(),
                                false,
                                Extractive.LABEL,
                                ctx.extractive().citations())
                        : null;
        return new AskResponse(
                ctx.streamId(),
                ctx.question(),
                answer,
                reason,
                backend.name(),
                model,
                ctx.fromMillis(),
                ctx.toMillis(),
                Citations.cited(answer, ctx.moments()),
                ctx.moments(),
                summary,
                extractive,
                ctx.relevance(),
                new AskResponse.Usage(
                        ctx.tokenBudget(),
                        ctx.contextTokens(),
                        ctx.moments().size(),
                        images,
                        embedded,
                        c == null ? null : c.promptTokens(),
                        c == null ? null : c.completionTokens()));
    }
}
