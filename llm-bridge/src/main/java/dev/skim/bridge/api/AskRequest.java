package dev.skim.bridge.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A question about one stream.
 *
 * @param question the question; at most {@code skim.bridge.limits.max-question-chars} characters
 * @param from start of the time range in presentation milliseconds (default: the range's end minus
 *     {@code skim.bridge.limits.max-ask-range}, or the stream's start)
 * @param to end of the time range in presentation milliseconds (default: the newest frame)
 * @param tokenBudget LLM tokens the context may use (default {@code
 *     skim.bridge.limits.default-token-budget})
 */
public record AskRequest(
        @Schema(description = "The question", examples = "When did a forklift enter aisle 3?")
                @NotBlank(message = "question must not be blank")
                String question,
        @Schema(description = "Start of the time range, presentation ms")
                @PositiveOrZero(message = "from must be >= 0")
                Long from,
        @Schema(description = "End of the time range, presentation ms")
                @PositiveOrZero(message = "to must be >= 0")
                Long to,
        @Schema(description = "LLM tokens the context may use")
                @Positive(message = "tokenBudget must be > 0")
                Integer tokenBudget) {}
