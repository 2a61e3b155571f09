package dev.skim.bridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed configuration of the bridge, under {@code skim.bridge.*}. Every key can be set as a system
 * property or an environment variable ({@code SKIM_BRIDGE_LLM_BACKEND=openai}).
 */
@ConfigMapping(prefix = "skim.bridge")
public interface BridgeConfig {

    /**
     * Host name other instances use to reach this one (with {@code quarkus.http.port} it makes
     * {@code quarkus.kafka-streams.application-server}); {@code localhost} when unset.
     */
    Optional<String> advertisedHost();

    /** Token memory retention per tier. */
    Memory memory();

    /** API keys and per-stream authorization. */
    Auth auth();

    /** Request limits. */
    Limits limits();

    /** The LLM backend. */
    Llm llm();

    /** Search and question relevance (tags, sentence encoder). */
    Search search();

    /** How the app stops. */
    Shutdown shutdown();

    /** Shutdown bound (DESIGN.md section 10). */
    interface Shutdown {
        /**
         * From SIGTERM (Quarkus' shutdown event) to the end of the process, whether or not the
         * broker answers: Kafka Streams gets this minus a reserve (a quarter, at most 5 s) to
         * commit and close; a process still running at the bound is halted.
         */
        @WithDefault("30s")
        Duration timeout();
    }

    /**
     * Retention by stream time (the newest presentation time seen on the stream minus the
     * retention): a block is dropped once its last frame is older than that.
     */
    interface Memory {
        /** FAST tier: a small budget for every kept frame. */
        @WithDefault("24h")
        Duration fastRetention();

        /** SLOW tier: a large budget for a few frames per window. */
        @WithDefault("1h")
        Duration slowRetention();

        /** FRAME tier: one token per frame. */
        @WithDefault("720h")
        Duration frameRetention();

        /** Keyframe JPEGs (they go with the slow tier). */
        @WithDefault("1h")
        Duration keyframeRetention();
    }

    /** API-key authentication; off by default so that a local run needs no key. */
    interface Auth {
        /** When true, every {@code /v1} request needs a configured key. */
        @WithDefault("false")
        boolean enabled();

        /**
         * Keys by name: {@code skim.bridge.auth.keys.<name>.secret} and {@code
         * skim.bridge.auth.keys.<name>.streams} (glob patterns such as {@code cam-*}; {@code *} for
         * all). Names appear in logs; secrets never do.
         */
        Map<String, ApiKey> keys();

        /** One API key. */
        interface ApiKey {
            /** The secret sent in {@code X-API-Key} or {@code Authorization: Bearer}. */
            String secret();

            /** Glob patterns of the streams this key may read. */
            @WithDefault("*")
            List<String> streams();
        }
    }

    /** Limits on what one request may ask for. */
    interface Limits {
        /** Longest question, in characters. */
        @WithDefault("2000")
        int maxQuestionChars();

        /** Longest time range one ask may cover. */
        @WithDefault("24h")
        Duration maxAskRange();

        /** Smallest token budget of one ask. */
        @WithDefault("256")
        int minTokenBudget();

        /** Largest token budget of one ask. */
        @WithDefault("32768")
        int maxTokenBudget();

        /** Token budget when the request gives none. */
        @WithDefault("4096")
        int defaultTokenBudget();
    }

    /** Which LLM answers, and how it is called. */
    interface Llm {
        /**
         * {@code none} (default), {@code openai}, {@code ollama}, {@code vllm-embeds}, {@code
         * sglang-embeds}.
         */
        @WithDefault("none")
        String backend();

        /** Base URL of the server, e.g. {@code http://127.0.0.1:8000}. */
        Optional<String> baseUrl();

        /** Model name sent to the server. */
        @WithDefault("default")
        String model();

        /** Bearer token for the server; never logged. */
        Optional<String> apiKey();

        /** Most tokens of the answer. */
        @WithDefault("512")
        int maxAnswerTokens();

        /** LLM tokens one image costs in the budget (OpenAI {@code detail: low} = 85). */
        @WithDefault("85")
        int imageTokens();

        /** {@code low}, {@code high} or {@code auto}, sent as the image_url detail. */
        @WithDefault("low")
        String imageDetail();

        /** Most keyframe images in one request (servers limit images per prompt). */
        @WithDefault("8")
        int maxImages();

        /** Timeout of one HTTP attempt. */
        @WithDefault("60s")
        Duration timeout();

        /** Retries after a failed attempt (5xx, 429, I/O errors, timeouts). */
        @WithDefault("2")
        int maxRetries();

        /** First retry delay; doubles per retry. */
        @WithDefault("500ms")
        Duration retryDelay();

        /** Calls in the circuit breaker's rolling window. */
        @WithDefault("4")
        int circuitRequestVolume();

        /** Share of failed calls in the window that opens the circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long an open circuit rejects calls before it tries again. */
        @WithDefault("30s")
        Duration circuitDelay();

        /** Precomputed-embedding backends only. */
        Embeds embeds();

        /** Settings of {@code vllm-embeds} and {@code sglang-embeds}. */
        interface Embeds {
            /**
             * Encoder id (as in the token blocks' {@code encoderId}) that is the served model's own
             * vision tower and projector. Embeddings from any other encoder are meaningless to the
             * model, so the bridge refuses them.
             */
            Optional<String> servedEncoderId();

            /** The served language model's hidden size; token vectors must have this dimension. */
            Optional<Integer> hiddenSize();

            /** Placeholder for one image in SGLang's {@code /generate} text (model specific). */
            @WithName("image-token")
            @WithDefault("<image>")
            String imageToken();
        }
    }

    /** Search and question relevance over the keyframes' tags. */
    interface Search {
        /**
         * Sentence encoder that matches words to tags: {@code minilm} (default; all-MiniLM-L6-v2,
         * quantised, in the jar, offline) or {@code none} (words must equal a COCO class name, or a
         * word of text read in a frame, up to one typo).
         */
        @WithDefault("minilm")
        String encoder();

        /**
         * Cosine between "a photo of a {word}" and "a photo of a {class}" from which a word of the
         * question matches a COCO class (measured: see README).
         */
        @WithDefault("0.75")
        double labelThreshold();

        /** Cosine between a question word and a line of text read in a frame that matches it. */
        @WithDefault("0.65")
        double textThreshold();

        /** Longest search query, in characters. */
        @WithDefault("200")
        int maxQueryChars();

        /** Moments a search returns when the request gives no limit. */
        @WithDefault("20")
        int defaultLimit();

        /** Most moments one search or similar request may return. */
        @WithDefault("200")
        int maxLimit();

        /**
         * How far back from a stream's latest frame search by example compares moments: the blocks
         * of that range are read for each request, so it bounds the request's memory and time.
         */
        @WithDefault("1h")
        Duration similarRange();

        /** Texts whose embeddings are kept (question words and text read in frames). */
        @WithDefault("20000")
        int cacheSize();
    }
}
