package dev.skim.core.encoder;

/**
 * An encoder could not be built or could not run: a missing or malformed model file, a shape that
 * does not match the configuration, a device that is not there. The message names the encoder, the
 * file or the tensor at fault.
 */
public class EncoderException extends RuntimeException {

    public EncoderException(String message) {
        super(message);
    }

    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
