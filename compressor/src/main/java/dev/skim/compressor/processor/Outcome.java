package dev.skim.compressor.processor;

import dev.skim.avro.DeadLetter;

/**
 * The result of one topology stage for one record: a value for the next stage, or a dead letter
 * that says why the record could not go on.
 */
public sealed interface Outcome<T> {

    /** The record went through the stage. */
    record Ok<T>(T value) implements Outcome<T> {}

    /** The record failed the stage; it goes to the dead-letter topic. */
    record Failed<T>(DeadLetter deadLetter) implements Outcome<T> {}

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> failed(DeadLetter deadLetter) {
        return new Failed<>(deadLetter);
    }
}
