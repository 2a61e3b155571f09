package dev.skim.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.core.tokens.TokenGrid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BatchingFrameEncoderTest {

    /** Records the size of each batch it is given; can be told to fail. */
    private static final class RecordingEncoder implements FrameEncoder {
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final ClassicalPatchEncoder inner = new ClassicalPatchEncoder();
        volatile boolean fail;
        volatile boolean closed;

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public int rows() {
            return inner.rows();
        }

        @Override
        public int cols() {
            return inner.cols();
        }

        @Override
        public int dim() {
            return inner.dim();
        }

        @Override
        public List<TokenGrid> encodeBatch(List<RgbImage> images) {
            batchSizes.add(images.size());
            if (fail) {
                throw new EncoderException("model exploded");
            }
            return inner.encodeBatch(images);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void shouldCollectConcurrentFramesIntoBatchesOfAtMostMaxBatch() throws Exception {
        RecordingEncoder recording = new RecordingEncoder();
        int callers = 8;
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            images.add(TestImages.pattern(64, 48, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (BatchingFrameEncoder batching =
                new BatchingFrameEncoder(recording, 3, Duration.ofSeconds(2))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TokenGrid>> results = new ArrayList<>();
            for (RgbImage image : images) {
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return batching.encode(image);
                                }));
            }
            start.countDown();
            for (int i = 0; i < callers; i++) {
                TokenGrid expected = recording.inner.encode(images.get(i));
                TokenGrid actual = results.get(i).get();
                for (int t = 0; t < expected.tokens().size(); t++) {
                    assertThat(actual.tokens().get(t).vector())
                            .containsExactly(expected.tokens().get(t).vector());
                }
            }
            assertThat(recording.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 3));
            assertThat(recording.batchSizes.stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(callers);
            assertThat(recording.batchSizes).anySatisfy(size -> assertThat(size).isGreaterThan(1));
            assertThat(batching.frames()).isEqualTo(callers);
        } finally {
            pool.shutdownNow();
        }
        assertThat(recording.closed).isTrue();
    }

    @Test
    void shouldFailEachCallerOfAFailingBatchWithTheDelegatesError() {
        RecordingEncoder recording = new RecordingEncoder();
        recording.fail = true;
        try (BatchingFrameEncoder batching =
                new BatchingFrameEncoder(recording, 4, Duration.ZERO)) {
            assertThatThrownBy(() -> batching.encode(TestImages.uniform(8, 8, 1, 2, 3)))
                    .isInstanceOf(EncoderException.class)
                    .hasMessage("model exploded");
        }
    }

    @Test
    void shouldPassExplicitBatchesStraightThrough() {
        RecordingEncoder recording = new RecordingEncoder();
        try (BatchingFrameEncoder batching =
                new BatchingFrameEncoder(recording, 2, Duration.ofMillis(5))) {
            List<TokenGrid> grids =
                    batching.encodeBatch(
                            List.of(
                                    TestImages.uniform(8, 8, 1, 2, 3),
                                    TestImages.uniform(8, 8, 4, 5, 6),
                                    TestImages.uniform(8, 8, 7, 8, 9)));

            assertThat(grids).hasSize(3);
            assertThat(recording.batchSizes).containsExactly(3);
            assertThat(batching.batches()).isZero();
        }
    }

    @Test
    void shouldRefuseFramesAfterClose() {
        BatchingFrameEncoder batching =
                new BatchingFrameEncoder(new RecordingEncoder(), 2, Duration.ofMillis(5));
        batching.close();

        assertThatThrownBy(() -> batching.encode(TestImages.uniform(8, 8, 1, 2, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
