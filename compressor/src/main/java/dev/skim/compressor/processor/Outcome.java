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
    record Failed<T>(DeadLetter deadLetter) implements Outcome<T> {
        /** The same failure as the outcome of a later stage, which it passes through. */
        public <B> Failed<B> passed() {
            return new Failed<>(deadLetter);
        }
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> failed(DeadLetter deadLetter) {
        return new Failed<>(deadLetter);
    }

    /** Whether the record failed a stage. */
    default boolean isFailed() {
        return this instanceof Failed<T>;
    }

    /**
     * The value of a record that went through.
     *
     * @throws IllegalStateException for a failed one
     */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("a failed record has no value: " + deadLetter());
    }

    /**
     * The dead letter of a failed record.
     *
     * @throws IllegalStateException for one that went through
     */
    default DeadLetter deadLetter() {
        if (this instanceof Failed<T> failed) {
            return failed.deadLetter();
        }
        throw new IllegalStateException("a record that went through has no dead letter");
    }
}
