package dev.skim.compressor.tagging;

import dev.skim.compressor.config.CompressorConfig;
import dev.skim.core.tagging.FrameTagger;
import dev.skim.core.tagging.PaddleOcrConfig;
import dev.skim.core.tagging.PaddleOcrTagger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The taggers the configuration asks for ({@code skim.compressor.tags.*}). */
public final class Taggers {

    private Taggers() {}

    /** A pool of the enabled taggers, detector first; empty when none is enabled. */
    public static TaggerPool pool(CompressorConfig.Tags tags) {
        List<Supplier<FrameTagger>> factories = new ArrayList<>();
        if (tags.text().enabled()) {
            PaddleOcrConfig ocr =
                    PaddleOcrConfig.defaults()
                            .withMaxLines(tags.text().maxLines())
                            .withDetLimitSide(tags.imageMaxSide());
            factories.add(() -> PaddleOcrTagger.open(ocr));
        }
        return new TaggerPool(factories);
    }

    /** The tagging settings of the topology. */
    public static Tagging tagging(CompressorConfig.Tags tags, TaggerPool pool) {
        return new Tagging(pool, tags.imageMaxSide(), (float) tags.imageQuality());
    }
}
