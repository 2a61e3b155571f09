package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What every consumer of skim.tokens relies on, checked on what a test read back. */
final class TokenChecks {
    private TokenChecks() {}

    /** FAST blocks of a stream. */
    static List<TokenBlock> fast(List<TokenBlock> blocks, String stream) {
        return blocks.stream()
                .filter(b -> b.getStreamId().equals(stream) && b.getTier() == Tier.FAST)
                .toList();
    }

    /** Every frame a stream's FAST blocks account for (kept or gated), with repeats. */
    static List<FrameRef> fastFrames(List<TokenBlock> blocks, String stream) {
        List<FrameRef> out = new ArrayList<>();
        for (TokenBlock b : fast(blocks, stream)) {
            out.addAll(b.getFrames());
            out.addAll(b.getGated());
        }
        return out;
    }

    /** The seqs a stream's FAST blocks account for (kept or gated), sorted, with repeats. */
    static List<Long> fastSeqs(List<TokenBlock> blocks, String stream) {
        return fastFrames(blocks, stream).stream().map(FrameRef::getSeq).sorted().toList();
    }

    /** Seq to how many times the stream's FAST blocks account for it. */
    static Map<Long, Long> fastCounts(List<TokenBlock> blocks, String stream) {
        return fastFrames(blocks, stream).stream()
                .collect(
                        Collectors.groupingBy(
                                FrameRef::getSeq, TreeMap::new, Collectors.counting()));
    }

    /**
     * Every FAST block lies in a window that has a SLOW block (same or wider seq range) whose slow
     * frames all have a keyframe, and SLOW frames are frames the FAST tier has.
     */
    static void assertEveryWindowHasSlowFramesAndKeyframes(
            List<TokenBlock> blocks, List<Keyframe> keyframes, String stream) {
        List<TokenBlock> slow =
                blocks.stream()
                        .filter(b -> b.getStreamId().equals(stream) && b.getTier() == Tier.SLOW)
                        .toList();
        List<Long> keySeqs =
                keyframes.stream()
                        .filter(k -> k.getStreamId().equals(stream))
                        .map(Keyframe::getSeq)
                        .toList();
        Map<Long, Long> fast = fastCounts(blocks, stream);
        assertThat(slow).as("SLOW blocks of %s", stream).isNotEmpty();
        for (TokenBlock f : fast(blocks, stream)) {
            assertThat(slow)
                    .as(
                            "a SLOW block covering FAST block [%d, %d]",
                            f.getFirstSeq(), f.getLastSeq())
                    .anySatisfy(
                            s -> {
                                assertThat(s.getFirstSeq()).isLessThanOrEqualTo(f.getFirstSeq());
                                assertThat(s.getLastSeq()).isGreaterThanOrEqualTo(f.getLastSeq());
                            });
        }
        for (TokenBlock s : slow) {
            assertThat(s.getFrames())
                    .as("slow frames of [%d, %d]", s.getFirstSeq(), s.getLastSeq())
                    .isNotEmpty();
            for (FrameRef f : s.getFrames()) {
                assertThat(fast)
                        .as("slow frame %d is a frame of the stream", f.getSeq())
                        .containsKey(f.getSeq());
                assertThat(f.getSeq()).isBetween(s.getFirstSeq(), s.getLastSeq());
                assertThat(keySeqs)
                        .as("keyframe of slow frame %d", f.getSeq())
                        .contains(f.getSeq());
            }
        }
    }

    /** Seq to how many times the stream's FRAME blocks hold it (each with its one token). */
    static Map<Long, Long> frameCounts(List<TokenBlock> blocks, String stream) {
        return blocks.stream()
                .filter(b -> b.getStreamId().equals(stream) && b.getTier() == Tier.FRAME)
                .flatMap(b -> b.getFrames().stream())
                .collect(
                        Collectors.groupingBy(
                                FrameRef::getSeq, TreeMap::new, Collectors.counting()));
    }

    /**
     * The FRAME tier holds every frame of the stream exactly once, gated ones included, with one
     * token each.
     */
    static void assertEveryFrameOnceInTheFrameTier(
            List<TokenBlock> blocks, String stream, java.util.Collection<Long> seqs) {
        Map<Long, Long> counts = frameCounts(blocks, stream);
        assertThat(counts.keySet())
                .as("FRAME-tier frames of %s", stream)
                .containsExactlyInAnyOrderElementsOf(seqs);
        assertThat(counts.values()).as("each once").containsOnly(1L);
        blocks.stream()
                .filter(b -> b.getStreamId().equals(stream) && b.getTier() == Tier.FRAME)
                .forEach(
                        b -> {
                            assertThat(b.getGated()).isEmpty();
                            assertThat(b.getTokensOut()).isEqualTo(b.getFrames().size());
                        });
    }
}
