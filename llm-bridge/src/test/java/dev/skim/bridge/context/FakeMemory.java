package dev.skim.bridge.context;

import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.bridge.memory.MemoryView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link MemoryView} for context tests. */
final class FakeMemory implements MemoryView {
    private final List<TokenBlock> blocks = new ArrayList<>();
    private final Map<Long, Keyframe> keyframes = new HashMap<>();

    FakeMemory add(TokenBlock b) {
        blocks.add(b);
        return this;
    }

    FakeMemory add(Keyframe k) {
        keyframes.put(k.getSeq(), k);
        return this;
    }

    @Override
    public List<TokenBlock> blocks(Tier tier, String streamId, long from, long to, int limit) {
        return blocks.stream()
                .filter(b -> b.getTier() == tier && b.getStreamId().equals(streamId))
                .filter(
                        b ->
                                b.getFrames().stream()
                                        .anyMatch(
                                                f ->
                                                        f.getPtsMillis() >= from
                                                                && f.getPtsMillis() <= to))
                .sorted(Comparator.comparingLong(TokenBlock::getFirstSeq))
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<Keyframe> keyframe(String streamId, long seq) {
        return Optional.ofNullable(keyframes.get(seq));
    }

    @Override
    public void keyframes(
            String streamId, long from, long to, java.util.function.Predicate<Keyframe> visit) {
        for (Keyframe k :
                keyframes.values().stream()
                        .filter(k -> k.getPtsMillis() >= from && k.getPtsMillis() <= to)
                        .sorted(Comparator.comparingLong(Keyframe::getSeq))
                        .toList()) {
            if (!visit.test(k)) {
                return;
            }
        }
    }
}
