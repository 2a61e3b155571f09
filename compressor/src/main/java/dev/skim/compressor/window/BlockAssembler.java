package dev.skim.compressor.window;

import dev.skim.avro.FrameRef;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.avro.Vectors;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.TokenOperator;
import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.WireVectors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the frames of a closed window into {@link TokenBlock}s of one tier, each under the record
 * size limit by construction: frames are packed in seq order and a new block starts before the
 * estimate would pass the limit. The blocks of a window cover its seq range without overlap: the
 * first starts at the window's first seq, each next one at its first frame, and the last ends at
 * the window's last seq, so (stream, tier, firstSeq) identifies a block.
 */
public final class BlockAssembler {

    /** Upper bound of a block's bytes besides its frames and tokens (names, ids, chain). */
    static final int BLOCK_OVERHEAD = 4096;

    /** Upper bound of the bytes of one FrameRef. */
    static final int FRAME_BYTES = 32;

    /** Upper bound of the bytes of one TokenRef besides its vector. */
    static final int TOKEN_REF_BYTES = 24;

    private final EncoderInfo encoder;
    private final Precision precision;
    private final int maxRecordBytes;

    /**
     * @param encoder the encoder's id and grid, written into every block
     * @param precision how vectors go on the wire
     * @param maxRecordBytes largest block
     */
    public BlockAssembler(EncoderInfo encoder, Precision precision, int maxRecordBytes) {
        this.encoder = encoder;
        this.precision = precision;
        this.maxRecordBytes = maxRecordBytes;
        long worst = frameBytes(encoder.rows() * encoder.cols()) + BLOCK_OVERHEAD;
        if (worst > maxRecordBytes) {
            throw new IllegalArgumentException(
                    "one frame of "
                            + encoder.rows() * encoder.cols()
                            + " tokens of "
                            + encoder.dim()
                            + "-d "
                            + precision
                            + " may take "
                            + worst
                            + " bytes, more than skim.compressor.max-record-bytes="
                            + maxRecordBytes
                            + "; raise it or use a smaller precision");
        }
        checkState(encoder, maxRecordBytes);
    }

    /**
     * Largest keyframe JPEG (and tag image): 256 KB, or a quarter of the record limit when that is
     * smaller, so that a slow candidate's state (grid, keyframe and tag image) fits a record.
     */
    public int keyframeMaxBytes() {
        return Math.min(Thumbnails.MAX_BYTES, maxRecordBytes / 4);
    }

    /**
     * The state store values of one frame must fit a record too (their changelogs are topics): its
     * FAST tokens and FRAME-tier token at the state precision (window-frames) and, for a slow
     * candidate, its full grid in FP16 with its pooled vector, attention, keyframe and tag image
     * (slow-frames; the tag image is counted whether tagging is on or not).
     */
    private void checkState(EncoderInfo encoder, int maxRecordBytes) {
        int tokens = encoder.rows() * encoder.cols();
        long vector = statePrecision().bytes(1, encoder.dim());
        long fast = FRAME_BYTES + (tokens + 1L) * (16 + vector) + 64;
        long slow =
                (long) tokens * encoder.dim() * 2
                        + 2L * encoder.dim() * Float.BYTES
                        + (long) tokens * Float.BYTES
                        + 2L * keyframeMaxBytes()
                        + 1024;
        long worst = Math.max(fast, slow);
        if (worst > maxRecordBytes) {
            throw new IllegalArgumentException(
                    "the window state of one frame of "
                            + tokens
                            + " tokens of "
                            + encoder.dim()
                            + "-d may take "
                            + worst
                            + " bytes (its "
                            + (fast >= slow
                                    ? "FAST tokens at " + statePrecision()
                                    : "full grid in FP16, keyframe and tag image, as a slow candidate")
                            + "), more than skim.compressor.max-record-bytes="
                            + maxRecordBytes
                            + "; raise it (and the topics' max.message.bytes) or use a smaller"
                            + " encoder grid");
        }
    }

    /**
     * The precision a frame's tokens can be kept in until its block is made without changing a bit
     * of the block: FP16 when the wire is FP16 (FP16 to float to FP16 is exact), else FP32 (INT8
     * scales depend on the exact values).
     */
    public Precision statePrecision() {
        return precision == Precision.FP16 ? Precision.FP16 : Precision.FP32;
    }

    /** Upper bound of the bytes a frame with that many tokens adds to a block. */
    long frameBytes(int tokens) {
        return FRAME_BYTES + (long) tokens * (TOKEN_REF_BYTES + precision.bytes(1, encoder.dim()));
    }

    /**
     * The blocks of one tier of a window.
     *
     * @param firstSeq the window's first frame seq
     * @param lastSeq the window's last frame seq
     * @param frames the tier's frames in seq order (frames without tokens are listed as gated)
     * @param chain the chain that made the tokens (for names and parameters)
     */
    public List<TokenBlock> blocks(
            String streamId,
            Tier tier,
            long firstSeq,
            long lastSeq,
            List<WindowedFrame> frames,
            Chain chain) {
        List<List<WindowedFrame>> parts = new ArrayList<>();
        List<WindowedFrame> part = new ArrayList<>();
        long bytes = BLOCK_OVERHEAD;
        for (WindowedFrame f : frames) {
            long add = frameBytes(f.tokens().size());
            if (!part.isEmpty() && bytes + add > maxRecordBytes) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = BLOCK_OVERHEAD;
            }
            part.add(f);
            bytes += add;
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        List<TokenBlock> blocks = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            long first = i == 0 ? firstSeq : parts.get(i).get(0).seq();
            long last = i == parts.size() - 1 ? lastSeq : parts.get(i + 1).get(0).seq() - 1;
            blocks.add(block(streamId, tier, first, last, parts.get(i), chain));
        }
        return blocks;
    }

    private TokenBlock block(
            String streamId,
            Tier tier,
            long firstSeq,
            long lastSeq,
            List<WindowedFrame> frames,
            Chain chain) {
        List<FrameRef> kept = new ArrayList<>();
        List<FrameRef> gated = new ArrayList<>();
        List<TokenRef> refs = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        long tokensIn = 0;
        for (WindowedFrame f : frames) {
            FrameRef ref = new FrameRef(f.seq(), f.ptsMillis(), f.novelty());
            tokensIn += f.tokensIn();
            if (f.gated()) {
                gated.add(ref);
                continue;
            }
            int index = kept.size();
            kept.add(ref);
            for (Token t : f.tokens()) {
                refs.add(new TokenRef(index, t.row(), t.col(), t.span()));
                vectors.add(t.vector());
            }
        }
        return TokenBlock.newBuilder()
                .setStreamId(streamId)
                .setTier(tier)
                .setFirstSeq(firstSeq)
                .setLastSeq(lastSeq)
                .setFrames(kept)
                .setGated(gated)
                .setEncoderId(encoder.id())
                .setGridRows(encoder.rows())
                .setGridCols(encoder.cols())
                .setDim(encoder.dim())
                .setTokens(refs)
                .setVectors(wireVectors(vectors))
                .setChain(steps(chain.operators(), frames))
                .setTokensIn(tokensIn)
                .setTokensOut(refs.size())
                .build();
    }

    /** Tokens in and out of each operator of the chain, summed over the block's frames. */
    private static List<OperatorStep> steps(List<TokenOperator> ops, List<WindowedFrame> frames) {
        long[] stepIn = new long[ops.size()];
        long[] stepOut = new long[ops.size()];
        for (WindowedFrame f : frames) {
            int in = f.tokensIn();
            for (int s = 0; s < ops.size() && s < f.stepsOut().length; s++) {
                stepIn[s] += in;
                stepOut[s] += f.stepsOut()[s];
                in = f.stepsOut()[s];
            }
        }
        List<OperatorStep> steps = new ArrayList<>(ops.size());
        for (int s = 0; s < ops.size(); s++) {
            steps.add(
                    new OperatorStep(
                            ops.get(s).name(), ops.get(s).params(), stepIn[s], stepOut[s]));
        }
        return steps;
    }

    /** The block's token vectors at the wire precision. */
    private Vectors wireVectors(List<float[]> vectors) {
        WireVectors wire = WireVectors.encode(vectors, precision);
        List<Float> scales = new ArrayList<>(wire.scales().length);
        for (float v : wire.scales()) {
            scales.add(v);
        }
        return new Vectors(
                dev.skim.avro.Precision.valueOf(wire.precision().name()),
                ByteBuffer.wrap(wire.data()),
                scales);
    }

    /**
     * What the encoder makes, as recorded in every block.
     *
     * @param id encoder id
     * @param rows grid rows
     * @param cols grid columns
     * @param dim vector dimension
     */
    public record EncoderInfo(String id, int rows, int cols, int dim) {}
}
