package dev.skim.bridge.search;

/**
 * A search by example that cannot be answered, with what kind of failure it is; the API turns it
 * into the problem JSON of that status.
 */
public final class SimilarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, by the HTTP status it answers. */
    public enum Kind {
        /** 400: the body is not a readable image. */
        BAD_REQUEST,
        /** 404: the stream or the moment is not held. */
        NOT_FOUND,
        /** 413: the image is larger than accepted. */
        TOO_LARGE,
        /** 422: the stream's encoder cannot be loaded here. */
        UNPROCESSABLE,
        /** 503: the encoder failed. */
        UNAVAILABLE
    }

    private final Kind kind;

    SimilarException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
