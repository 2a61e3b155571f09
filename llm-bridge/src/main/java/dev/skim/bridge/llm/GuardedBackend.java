package dev.skim.bridge.llm;

import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Wraps a backend with SmallRye Fault Tolerance: a timeout per attempt, retries with exponential
 * backoff for retryable failures (I/O, timeouts, HTTP 429/5xx), and a circuit breaker that stops
 * calling a failing server for a while. Client errors (other 4xx, bad responses) are neither
 * retried nor counted against the circuit.
 */
public final class GuardedBackend implements LlmBackend {
    private static final Logger LOG = Logger.getLogger(GuardedBackend.class);

    private final LlmBackend delegate;
    private final Guard guard;
    private final Duration timeout;
    private final Duration circuitDelay;

    /**
     * @param delegate the backend
     * @param policy timeouts, retries and circuit breaker settings
     */
    public GuardedBackend(LlmBackend delegate, Resilience policy) {
        this.delegate = delegate;
        this.timeout = policy.timeout();
        this.circuitDelay = policy.circuitDelay();
        this.guard =
                Guard.create()
                        .withDescription("llm-" + delegate.name())
                        .withRetry()
                        .maxRetries(policy.maxRetries())
                        .delay(policy.retryDelay().toMillis(), ChronoUnit.MILLIS)
                        .jitter(0, ChronoUnit.MILLIS)
                        .whenException(GuardedBackend::retryable)
                        .withExponentialBackoff()
                        .factor(2)
                        .maxDelay(
                                Math.max(policy.retryDelay().toMillis(), 10_000), ChronoUnit.MILLIS)
                        .done()
                        .beforeRetry(
                                (Throwable t) ->
                                        LOG.warnf(
                                                "LLM backend %s failed, retrying: %s",
                                                delegate.name(), t.getMessage()))
                        .done()
                        .withCircuitBreaker()
                        .requestVolumeThreshold(policy.circuitRequestVolume())
                        .failureRatio(policy.circuitFailureRatio())
                        .delay(policy.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(1)
                        .when(GuardedBackend::retryable)
                        .onStateChange(
                                s -> LOG.infof("LLM backend %s circuit is %s", delegate.name(), s))
                        .done()
                        .withTimeout()
                        .duration(policy.timeout().toMillis(), ChronoUnit.MILLIS)
                        .done()
                        .build();
    }

    /**
     * Settings of the guard.
     *
     * @param timeout timeout of one attempt
     * @param maxRetries retries after the first attempt
     * @param retryDelay first retry delay, doubled per retry
     * @param circuitRequestVolume calls in the circuit breaker's rolling window
     * @param circuitFailureRatio share of failures in the window that opens the circuit
     * @param circuitDelay how long an open circuit rejects calls
     */
    public record Resilience(
            Duration timeout,
            int maxRetries,
            Duration retryDelay,
            int circuitRequestVolume,
            double circuitFailureRatio,
            Duration circuitDelay) {}

    private static boolean retryable(Throwable t) {
        return t instanceof TimeoutException || (t instanceof LlmException e && e.retryable());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String model() {
        return delegate.model();
    }

    @Override
    public Modality modality() {
        return delegate.modality();
    }

    @Override
    public Optional<String> unusableFor(String encoderId, int dim) {
        return delegate.unusableFor(encoderId, dim);
    }

    /**
     * Calls the backend under the guard.
     *
     * @throws LlmUnavailableException when the circuit is open
     * @throws LlmException when the call failed after retries, or timed out
     */
    @Override
    public Completion complete(LlmRequest request) {
        try {
            return guard.call(() -> delegate.complete(request), Completion.class);
        } catch (CircuitBreakerOpenException e) {
            throw new LlmUnavailableException(
                    "LLM backend "
                            + delegate.name()
                            + " is failing; its circuit breaker is open, so it is not called for"
                            + " up to "
                            + circuitDelay.toSeconds()
                            + " s (skim.bridge.llm.circuit-delay)",
                    circuitDelay,
                    e);
        } catch (TimeoutException e) {
            throw new LlmException(
                    LlmException.Failure.TIMEOUT,
                    "LLM backend " + delegate.name() + " did not answer within " + timeout,
                    0,
                    e);
        } catch (LlmException e) {
            throw e;
        } catch (Exception e) {
            throw new LlmException(
                    LlmException.Failure.BAD_RESPONSE,
                    "LLM backend " + delegate.name() + " failed: " + e,
                    0,
                    e);
        }
    }
}
