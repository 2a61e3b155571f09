package dev.skim.schemas;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenBlock;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry of Skim's topics: names plus key and value serdes. Every topic is keyed by the
 * stream id (a UTF-8 string), so a stream lives in one partition and keeps its order.
 *
 * @param frames frames from ingest ({@code skim.frames})
 * @param tokens compressed token blocks ({@code skim.tokens})
 * @param keyframes small JPEGs of slow frames ({@code skim.keyframes})
 * @param deadLetters frames the compressor could not process ({@code skim.frames.dlq})
 * @param tokenDeadLetters token blocks and keyframes the bridge could not read ({@code
 *     skim.tokens.dlq})
 */
public record Topics(
        Topic<String, Frame> frames,
        Topic<String, TokenBlock> tokens,
        Topic<String, Keyframe> keyframes,
        Topic<String, DeadLetter> deadLetters,
        Topic<String, DeadLetter> tokenDeadLetters) {

    public static final String FRAMES = "skim.frames";
    public static final String TOKENS = "skim.tokens";
    public static final String KEYFRAMES = "skim.keyframes";
    public static final String DEAD_LETTERS = "skim.frames.dlq";
    public static final String TOKEN_DEAD_LETTERS = "skim.tokens.dlq";

    /** The topics with their default names and serdes from the given factory. */
    public static Topics create(SerdeFactory serdes) {
        return new Topics(
                new Topic<>(FRAMES, Serdes.String(), serdes.serde(Frame.class)),
                new Topic<>(TOKENS, Serdes.String(), serdes.serde(TokenBlock.class)),
                new Topic<>(KEYFRAMES, Serdes.String(), serdes.serde(Keyframe.class)),
                new Topic<>(DEAD_LETTERS, Serdes.String(), serdes.serde(DeadLetter.class)),
                new Topic<>(TOKEN_DEAD_LETTERS, Serdes.String(), serdes.serde(DeadLetter.class)));
    }

    /** The topics with their default names and single-object Avro serdes. */
    public static Topics defaults() {
        return create(SerdeFactory.singleObject());
    }

    /** All topic names, for creating them up front. */
    public List<String> names() {
        return List.of(
                frames.name(),
                tokens.name(),
                keyframes.name(),
                deadLetters.name(),
                tokenDeadLetters.name());
    }
}
