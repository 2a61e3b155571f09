package dev.skim.bridge.memory;

import dev.skim.avro.DeadLetter;

/** What reading one input record gave: the value, or a dead letter that says why not. */
sealed interface Outcome<T> {

    /** The record was read and checked. */
    record Ok<T>(T value) implements Outcome<T> {}

    /** The record cannot be read; it goes to the dead-letter topic. */
    record Failed<T>(DeadLetter deadLetter) implements Outcome<T> {}
}
