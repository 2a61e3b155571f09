package dev.skim.core.tagging;

/** A tagger could not load its model, or failed on a frame. */
public class TaggerException extends RuntimeException {

    public TaggerException(String message) {
        super(message);
    }

    public TaggerException(String message, Throwable cause) {
        super(message, cause);
    }
}
