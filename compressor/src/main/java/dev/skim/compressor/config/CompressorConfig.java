package dev.skim.compressor.config;

import dev.skim.compressor.window.SlowPolicy;
import dev.skim.core.compression.DefaultChains;
import dev.skim.core.encoder.DjlEncoderConfig.Device;
import dev.skim.core.tokens.Precision;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Typed configuration of the compressor ({@code skim.compressor.*}), validated at start-up: simple
 * bounds by Bean Validation, the rest (chain specs, durations, record size) by {@code
 * app.SettingsFactory}, with errors that name the property.
 */
@ConfigMapping(prefix = "skim.compressor")
public interface CompressorConfig {

    /**
     * Frames processed at once by this instance: the Kafka Streams stream threads ({@code
     * kafka-streams.num.stream.threads} follows it) and the encoder's concurrent model calls
     * ({@code encoder.predictors} follows it). On a CPU host, the number of cores: each thread
     * decodes, encodes with a one-thread model call ({@code encoder.intra-op-threads=1}) and
     * compresses its own frames, so no core waits for another. Partitions beyond the threads of all
     * instances wait their turn; threads beyond the partitions idle.
     */
    @WithDefault("2")
    @Positive
    int threads();

    /** The vision encoder and how frames are batched into it. */
    Encoder encoder();

    /** The FAST tier: every kept frame, a small budget. */
    Fast fast();

    /** The SLOW tier: one or a few frames a window, a large budget, plus keyframes. */
    Slow slow();

    /** Slow-fast windows by event time (the frame's ptsMillis) or by frame count. */
    Window window();

    /** The FRAME tier: one token for every frame, gated ones included. */
    FrameTier frameTier();

    /** Tags of slow frames: objects and text, so that moments can be found by words. */
    Tags tags();

    /** How token vectors are written to skim.tokens: FP32, FP16 or INT8 (+ per-token scale). */
    @WithDefault("INT8")
    Precision precision();

    /** Largest frame accepted, in pixels (width x height); larger frames are dead-lettered. */
    @WithDefault("16777216")
    @Positive
    long maxPixels();

    /**
     * Largest record the compressor writes, in bytes; windows whose blocks would be larger are
     * split into several blocks along frame boundaries. Keep it under the topic's max.message.bytes
     * and the producer's max.request.size (1 MiB).
     */
    @WithDefault("900000")
    @Min(65536)
    int maxRecordBytes();

    /** Native-crash quarantine ({@code skim.compressor.quarantine.*}). */
    Quarantine quarantine();

    /** How the app stops ({@code skim.compressor.shutdown.*}). */
    Shutdown shutdown();

    /** Shutdown bound (DESIGN.md section 10). */
    interface Shutdown {
        /**
         * From SIGTERM (Quarkus' shutdown event) to the end of the process, whether or not the
         * broker answers: Kafka Streams gets this minus a reserve (a quarter, at most 5 s) to
         * commit and close; a process still running at the bound is halted with status 3.
         */
        @WithDefault("30s")
        Duration timeout();
    }

    /** Native-crash quarantine ({@code skim.compressor.quarantine.*}). */
    interface Quarantine {
        /**
         * Abnormal exits a record may be in flight at (its coordinates are kept in a small file
         * under {@code state.dir}/skim-in-flight) before it is dead-lettered with reason "crashed
         * the process" instead of being processed again. 2 tries a frame once more after the first
         * exit, so an instance killed from outside does not cost the frame it was working on; 1
         * quarantines at the first exit.
         */
        @WithDefault("2")
        @Min(1)
        int strikes();

        /**
         * Fault injection, for tests only: a frame whose image bytes start with this text (UTF-8)
         * halts the JVM as a native crash would. Unset in production.
         */
        Optional<String> abortOn();
    }

    /** The encoder ({@code skim.compressor.encoder.*}). */
    interface Encoder {
        /**
         * Encoder name: {@code mobilenetv2} (the shipped pretrained network, the default), {@code
         * classical} (model-free descriptors), {@code onnx}, {@code torchscript}, {@code
         * clip-vit-b16}, {@code siglip-base16}.
         */
        @WithDefault("mobilenetv2")
        String name();

        /** Model file or URL, for the encoders that need one. */
        Optional<String> model();

        /** cpu, gpu or auto. */
        @WithDefault("cpu")
        Device device();

        /** Most frames per model call. */
        @WithDefault("8")
        @Positive
        @Max(256)
        int maxBatch();

        /**
         * How long one frame waits for others (from other stream threads) to form a batch; 0 turns
         * micro-batching off. Worth it with several stream threads or a GPU.
         */
        @WithDefault("0ms")
        Duration maxWait();

        /** Concurrent model calls; by default {@code skim.compressor.threads}. */
        @WithDefault("1")
        @Positive
        int predictors();

        /**
         * Threads per model call; 0 = the runtime's default (all cores, whose idle threads spin
         * between operators and take the CPU from the other stream threads).
         */
        @WithDefault("0")
        @PositiveOrZero
        int intraOpThreads();
    }

    /** The FAST tier ({@code skim.compressor.fast.*}). */
    interface Fast {
        /**
         * Operator chain applied to every frame, with the stream's chain state; a frame it reduces
         * to no token is recorded as gated. The default ({@link DefaultChains#fast()}, measured in
         * docs/eval): the adaptive frame gate, then PVC's progressive novelty at 4 tokens a frame
         * (kept frames spend the budget of the frames the gate dropped before them).
         */
        @WithDefault("gate > novelty(4, memory=64)")
        String chain();
    }

    /** The SLOW tier ({@code skim.compressor.slow.*}). */
    interface Slow {
        /**
         * Operator chain applied to each slow frame, with its own per-stream state ({@link
         * DefaultChains#SLOW}).
         */
        @WithDefault("divprune(64)")
        String chain();

        /** Which frames of a window are slow frames: FIRST, MOST_NOVEL or SCENE_CUT. */
        @WithDefault("MOST_NOVEL")
        SlowPolicy policy();

        /** Most slow frames per window. */
        @WithDefault("1")
        @Positive
        @Max(16)
        int frames();

        /**
         * Frame novelty (mean 1 - cos of coarse cells against the previous frame) at or above which
         * a frame is a scene cut.
         */
        @WithDefault("0.25")
        @DecimalMin("0.0")
        @DecimalMax("2.0")
        double sceneCut();

        /** Longest side of a keyframe JPEG, in pixels. */
        @WithDefault("320")
        @Min(16)
        @Max(4096)
        int keyframeMaxSide();

        /** JPEG quality of keyframes, 0.05 to 1.0. */
        @WithDefault("0.7")
        @DecimalMin("0.05")
        @DecimalMax("1.0")
        double keyframeQuality();
    }

    /** The FRAME tier ({@code skim.compressor.frame-tier.*}). */
    interface FrameTier {
        /**
         * Whether each closed window also emits FRAME blocks: one token for every frame of the
         * window, gated frames included, the span-weighted mean of the frame's full encoder grid
         * (LLaVA-Mini's one token a frame; the bridge keeps this tier longest). About 1 KB a frame
         * at FP16 with a 384-d encoder.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Windows ({@code skim.compressor.window.*}). */
    interface Window {
        /** Window length in event time (ptsMillis), used unless {@code frames} is set. */
        @WithDefault("2s")
        Duration size();

        /** Window length in frames (by seq); when set, windows count frames, not time. */
        OptionalInt frames();

        /** How long after a window's end (in event time) late frames are still accepted. */
        @WithDefault("1s")
        Duration grace();

        /** Grace in frames, for windows by frame count. */
        @WithDefault("0")
        @PositiveOrZero
        int graceFrames();

        /**
         * A stream that sent nothing for this long (wall clock) has its open windows closed, so the
         * end of a video or a stopped camera is emitted too.
         */
        @WithDefault("10s")
        Duration idleFlush();
    }

    /** Tags of slow frames ({@code skim.compressor.tags.*}), DESIGN.md section 4, stage 6. */
    interface Tags {
        /** The object detector: NanoDet, 80 COCO classes ("person", "car", "handbag", ...). */
        Objects objects();

        /** OCR: PP-OCRv4 text detection and recognition (Latin and Chinese characters). */
        Text text();

        /**
         * Longest side of the image the taggers get, in pixels: the decoded frame, scaled down to
         * this (never up) when it becomes a slow-frame candidate and kept with it until its window
         * closes.
         */
        @WithDefault("640")
        @Min(64)
        @Max(4096)
        int imageMaxSide();

        /**
         * With windows by time, tag only the slow frames of windows that contain a multiple of this
         * stream time (0 s, 10 s, 20 s, ...): one tagged moment per interval at most, which bounds
         * the taggers' share of the compressor on streams with short windows. 0: tag every slow
         * frame. Windows by frame count are all tagged. The default keeps the taggers' share of the
         * compressor to about a fifth of encode + tag time at 10 fps (18 % on vtest.avi; EndToEndIT
         * prints it).
         */
        @WithDefault("10s")
        Duration every();

        /** JPEG quality of the kept tag image, 0.05 to 1.0. */
        @WithDefault("0.9")
        @DecimalMin("0.05")
        @DecimalMax("1.0")
        double imageQuality();

        /** The object detector's settings. */
        interface Objects {
            /** Whether slow frames are run through the detector. */
            @WithDefault("true")
            boolean enabled();

            /**
             * The detector's input: the frame, aspect kept, scaled so that its long side is this (a
             * multiple of 32). 320 is about 1.5x cheaper and misses more small people.
             */
            @WithDefault("416")
            @Min(32)
            @Max(1024)
            int inputSide();

            /** Lowest score of a detection that becomes a tag. */
            @WithDefault("0.35")
            @DecimalMin("0.0")
            @DecimalMax("1.0")
            double minScore();

            /** Most object tags a frame. */
            @WithDefault("20")
            @Min(1)
            @Max(100)
            int max();
        }

        /** OCR's settings. */
        interface Text {
            /** Whether slow frames are run through OCR. */
            @WithDefault("true")
            boolean enabled();

            /** Most lines of text a frame. */
            @WithDefault("10")
            @Min(1)
            @Max(100)
            int maxLines();
        }
    }
}
