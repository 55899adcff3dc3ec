package org.cbir.core.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link ParallelRanges}: every item in exactly one range, ranges in task order, failures rethrown as thrown. */
class ParallelRangesTest {

    @Test
    void rangesCoverEveryItemOnceInOrder() {
        for (int tasks : new int[] {1, 2, 3, 7}) {
            for (int items : new int[] {0, 1, 5, 100}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(items);
                int[] starts = new int[tasks];
                int[] ends = new int[tasks];
                ParallelRanges.run(tasks, items, (task, from, to) -> {
                    starts[task] = from;
                    ends[task] = to;
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < items; i++) {
                    assertEquals(1, seen.get(i), "item " + i + " of " + items + " in " + tasks + " tasks");
                }
                assertEquals(0, starts[0]);
                assertEquals(items, ends[tasks - 1]);
                for (int t = 1; t < tasks; t++) {
                    assertEquals(ends[t - 1], starts[t], "range " + t + " starts where " + (t - 1) + " ends");
                }
            }
        }
    }

    @Test
    void aFailureIsRethrownUnwrapped() {
        IllegalStateException failure = new IllegalStateException("range 2 failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> ParallelRanges.run(4, 40, (task, from, to) -> {
                    if (task == 2) {
                        throw failure;
                    }
                }));
        assertSame(failure, thrown);
    }

    @Test
    void threadsAreThoseOfTheCallersPool() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            assertEquals(3, pool.submit(ParallelRanges::threads).get());
        } finally {
            pool.shutdown();
        }
        assertEquals(ForkJoinPool.getCommonPoolParallelism() + 1, ParallelRanges.threads());
    }
}
