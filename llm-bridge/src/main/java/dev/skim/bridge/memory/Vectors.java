package dev.skim.bridge.memory;

import dev.skim.avro.TokenBlock;
import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.WireVectors;
import java.nio.ByteBuffer;
import java.util.List;

/** Decodes a block's wire vectors with core's {@link WireVectors}. */
public final class Vectors {
    private Vectors() {}

    /** The block's token vectors as FP32. */
    public static List<float[]> decode(TokenBlock b) {
        ByteBuffer data = b.getVectors().getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        List<Float> scales = b.getVectors().getScales();
        float[] s = new float[scales.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scales.get(i);
        }
        return new WireVectors(
                        Precision.valueOf(b.getVectors().getPrecision().name()),
                        b.getTokens().size(),
                        b.getDim(),
                        bytes,
                        s)
                .decode();
    }
}
