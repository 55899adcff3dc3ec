package org.cbir.core.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the scans of cbir (the exact scan, the int8 scan) split a pass over their rows: contiguous
 * ranges run as fork-join tasks in the pool the caller runs in (so a
 * {@link org.cbir.core.RetrievalPipeline} bounds a search to its threads), or else in the common
 * pool. Static and stateless.
 */
public final class ParallelRanges {

    private ParallelRanges() {
    }

    /** Work on the items {@code [from, to)} as range {@code task}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int task, int from, int to);
    }

    /**
     * The threads a scan may use: the parallelism of the caller's fork-join pool, or the common
     * pool's plus the calling thread.
     */
    public static int threads() {
        return ForkJoinTask.inForkJoinPool() ? ForkJoinTask.getPool().getParallelism()
                : ForkJoinPool.getCommonPoolParallelism() + 1;
    }

    /**
     * Runs {@code work} on {@code tasks} contiguous ranges of {@code items}: on the calling thread
     * when {@code tasks} is 1, else as fork-join tasks; a failure of a range, such as a similarity
     * refusing a vector, is rethrown as it was thrown, not wrapped by the pool.
     */
    public static void run(int tasks, int items, RangeTask work) {
        if (tasks == 1) {
            work.run(0, 0, items);
            return;
        }
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<ForkJoinTask<?>> ranges = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int task = t;
            ranges.add(ForkJoinTask.adapt(() -> {
                try {
                    work.run(task, (int) ((long) task * items / tasks), (int) ((long) (task + 1) * items / tasks));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        ForkJoinTask.invokeAll(ranges);
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
