package dev.skim.core.compression;

/**
 * A chain spec that cannot be parsed or validated. The message names the bad part and its position
 * (0-based character offset) in the spec text.
 */
public final class ChainSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int position;

    ChainSpecException(String spec, int position, String problem) {
        super(problem + " at position " + position + " in \"" + spec + "\"");
        this.position = position;
    }

    ChainSpecException(String spec, int position, String problem, Throwable cause) {
        this(spec, position, problem);
        initCause(cause);
    }

    /** Offset in the spec text where the problem is. */
    public int position() {
        return position;
    }
}
