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
    public static final String SPLIT = "route-";
    public static final String FAILED = "failed";
    public static final String OK = "ok";
    public static final String TO_DEAD_LETTER = "to-dead-letter";
    public static final String TO_TOKEN_BLOCK = "to-token-block";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    public static final String TOKENS_SINK = "tokens-sink";

    /** Per-stream chain state (novelty memory, gate reference, ...), changelogged. */
    public static final String CHAIN_STATE_STORE = "chain-state";

    private Names() {}
}
