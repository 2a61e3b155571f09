package dev.skim.eval;

/** Something that compresses the evaluated stream frame by frame: a chain or a baseline. */
interface Method {
    MethodId id();

    /** Runs over every frame of the video, in order, from a fresh state. */
    MethodRun run(EncodedVideo video, Progress progress);
}
