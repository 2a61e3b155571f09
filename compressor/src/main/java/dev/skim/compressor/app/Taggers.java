package dev.skim.compressor.app;

import dev.skim.compressor.config.CompressorConfig;
import dev.skim.compressor.tagging.TaggerPool;
import dev.skim.compressor.tagging.Tagging;
import dev.skim.core.tagging.FrameTagger;
import dev.skim.core.tagging.NanoDetConfig;
import dev.skim.core.tagging.NanoDetTagger;
import dev.skim.core.tagging.PaddleOcrConfig;
import dev.skim.core.tagging.PaddleOcrTagger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The taggers the configuration asks for ({@code skim.compressor.tags.*}), each with one ONNX
 * Runtime thread a call: a tagger runs on a stream thread, beside the other threads' encoder calls,
 * as the encoder does ({@code encoder.intra-op-threads=1}).
 */
public final class Taggers {

    private Taggers() {}

    /** A pool of the enabled taggers, detector first; empty when none is enabled. */
    public static TaggerPool pool(CompressorConfig.Tags tags) {
        List<Supplier<FrameTagger>> factories = new ArrayList<>();
        if (tags.objects().enabled()) {
            NanoDetConfig detector =
                    NanoDetConfig.defaults()
                            .withInputSide(tags.objects().inputSide())
                            .withScoreThreshold((float) tags.objects().minScore())
                            .withMaxTags(tags.objects().max())
                            .withIntraOpThreads(1);
            factories.add(() -> NanoDetTagger.open(detector));
        }
        if (tags.text().enabled()) {
            PaddleOcrConfig ocr =
                    PaddleOcrConfig.defaults()
                            .withMaxLines(tags.text().maxLines())
                            .withDetLimitSide(tags.imageMaxSide())
                            .withIntraOpThreads(1);
            factories.add(() -> PaddleOcrTagger.open(ocr));
        }
        return new TaggerPool(factories);
    }

    /** The tagging settings of the topology. */
    public static Tagging tagging(CompressorConfig.Tags tags, TaggerPool pool) {
        return new Tagging(
                pool, tags.imageMaxSide(), (float) tags.imageQuality(), tags.every().toMillis());
    }
}
