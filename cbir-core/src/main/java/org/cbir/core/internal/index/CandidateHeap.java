package org.cbir.core.internal.index;

/**
 * A bounded max-heap of (approximate score, key) on primitive arrays: the {@code capacity}
 * lowest scores offered, with their keys (a row, or a list and position packed into a long).
 * The quantized and inverted-file indexes collect their candidates for exact re-ranking in it.
 * NaN ranks last; of equal scores the first offered stays. Not thread-safe.
 */
public final class CandidateHeap {
    private final float[] scores;
    private final long[] keys;
    private int size;

    /** An empty heap that keeps at most {@code capacity} candidates. */
    public CandidateHeap(int capacity) {
        scores = new float[capacity];
        keys = new long[capacity];
    }

    /** How many candidates are kept. */
    public int size() {
        return size;
    }

    /** Whether {@code capacity} candidates are kept, so that a new one must beat {@link #bound()}. */
    public boolean full() {
        return size == scores.length;
    }

    /** The score a candidate must beat to enter: the worst kept while full, else infinity. */
    public float bound() {
        return full() ? scores[0] : Float.POSITIVE_INFINITY;
    }

    /**
     * The kept scores, in heap order in {@code [0, size())}: the backing array, which a caller
     * that has finished offering may reorder together with {@link #keys()}.
     */
    public float[] scores() {
        return scores;
    }

    /** The kept keys, aligned with {@link #scores()}: the backing array. */
    public long[] keys() {
        return keys;
    }

    /** Offers a candidate; it is kept if the heap is not full or it beats the worst kept. */
    public void offer(float score, long key) {
        float s = score < Float.POSITIVE_INFINITY ? score : Float.POSITIVE_INFINITY; // NaN ranks last
        if (size < scores.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (scores[parent] >= s) {
                    break;
                }
                scores[i] = scores[parent];
                keys[i] = keys[parent];
                i = parent;
            }
            scores[i] = s;
            keys[i] = key;
        } else if (s < scores[0]) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && scores[child + 1] > scores[child]) {
                    child++;
                }
                if (scores[child] <= s) {
                    break;
                }
                scores[i] = scores[child];
                keys[i] = keys[child];
                i = child;
            }
            scores[i] = s;
            keys[i] = key;
        }
    }
}
