package dev.skim.compressor.tagging;

import dev.skim.core.tagging.FrameTagger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The compressor's taggers, shared by its stream threads. A tagger holds a native model and is not
 * thread-safe, so each caller borrows a whole set for one slow frame and gives it back; sets are
 * made on demand, so there are never more than stream threads tagging at once. Thread-safe.
 */
public final class TaggerPool implements AutoCloseable {

    private final List<Supplier<FrameTagger>> factories;
    private final ConcurrentLinkedQueue<List<FrameTagger>> idle = new ConcurrentLinkedQueue<>();
    private final List<List<FrameTagger>> made = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param factories one per tagger, in the order their tags are listed; none means no tagging
     */
    public TaggerPool(List<Supplier<FrameTagger>> factories) {
        this.factories = List.copyOf(factories);
    }

    /** Whether any tagger is configured. */
    public boolean isEmpty() {
        return factories.isEmpty();
    }

    /** A set of taggers for this thread's use until {@link #giveBack}. */
    public List<FrameTagger> borrow() {
        if (closed) {
            throw new IllegalStateException("the tagger pool is closed");
        }
        List<FrameTagger> set = idle.poll();
        if (set != null) {
            return set;
        }
        List<FrameTagger> fresh = new ArrayList<>(factories.size());
        try {
            for (Supplier<FrameTagger> f : factories) {
                fresh.add(Objects.requireNonNull(f.get(), "tagger factory returned null"));
            }
        } catch (RuntimeException e) {
            fresh.forEach(FrameTagger::close);
            throw e;
        }
        synchronized (made) {
            made.add(fresh);
        }
        return fresh;
    }

    /** Returns a borrowed set; after {@link #close} (which closed it) it is dropped. */
    public void giveBack(List<FrameTagger> set) {
        if (!closed) {
            idle.add(set);
        }
    }

    /** Loads one set now, so that a model that cannot load fails start-up, not the first window. */
    public void warmUp() {
        if (!isEmpty()) {
            giveBack(borrow());
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (made) {
            for (List<FrameTagger> set : made) {
                set.forEach(FrameTagger::close);
            }
            made.clear();
        }
        idle.clear();
    }
}
