package dev.skim.compressor.topology;

/**
 * Names of every processor, sink and store of the compressor topology. They are fixed so that a
 * change elsewhere in the topology never renames a changelog or repartition topic.
 */
public final class Names {
    public static final String FRAMES_SOURCE = "frames-source";
    public static final String DECODE = "decode";
    public static final String ENCODE = "encode";
    public static final String COMPRESS = "compress";
    public static final String WINDOW = "slow-fast-window";
    public static final String SPLIT = "route-";
    public static final String FAILED = "failed";
    public static final String BLOCKS = "blocks";
    public static final String KEYFRAMES = "keyframes";
    public static final String TO_DEAD_LETTER = "to-dead-letter";
    public static final String TO_TOKEN_BLOCK = "to-token-block";
    public static final String TO_KEYFRAME = "to-keyframe";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    public static final String TOKENS_SINK = "tokens-sink";
    public static final String KEYFRAMES_SINK = "keyframes-sink";

    /** Per stream: the FAST chain's state (novelty memory, gate reference, ...). */
    public static final String CHAIN_STATE_STORE = "chain-state";

    /** Per stream: stream time, novelty reference, open windows and slow candidates. */
    public static final String WINDOW_STATE_STORE = "window-state";

    /** Per frame of an open window: its FAST tokens. */
    public static final String WINDOW_FRAMES_STORE = "window-frames";

    /** Per slow candidate of an open window: its full grid and keyframe. */
    public static final String SLOW_FRAMES_STORE = "slow-frames";

    /** Per stream: the SLOW chain's state. */
    public static final String SLOW_CHAIN_STATE_STORE = "slow-chain-state";

    private Names() {}
}
