package dev.skim.bridge.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * all-MiniLM-L6-v2 (Reimers and Gurevych, Sentence-BERT; quantised ONNX inside the langchain4j jar,
 * ONNX Runtime and DJL's tokenizers from the project's pins): 384-d mean-pooled sentence vectors, a
 * few milliseconds a short text on one core. Vectors are kept in a bounded LRU cache, so a question
 * word or a line of OCR text is encoded once.
 */
final class MiniLmEncoder implements SentenceEncoder {
    static final String NAME = "all-minilm-l6-v2-q";

    private final EmbeddingModel model;
    private final Map<String, float[]> cache;

    MiniLmEncoder(int cacheSize) {
        // One ONNX Runtime environment a JVM: DJL's engine (which /similar uses to encode a JPEG
        // with the stream's vision encoder) makes it with its own thread pool and fails when
        // langchain4j made the default one first, so DJL's goes first and langchain4j reuses it.
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        this.cache =
                new LinkedHashMap<>(256, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, float[]> e) {
                        return size() > cacheSize;
                    }
                };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<float[]> embed(String text) {
        synchronized (cache) {
            float[] v = cache.get(text);
            if (v != null) {
                return Optional.of(v);
            }
        }
        float[] v = unit(model.embed(text).content().vector());
        synchronized (cache) {
            cache.put(text, v);
        }
        return Optional.of(v);
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float n = (float) Math.sqrt(s);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = n == 0f ? 0f : v[i] / n;
        }
        return out;
    }
}
