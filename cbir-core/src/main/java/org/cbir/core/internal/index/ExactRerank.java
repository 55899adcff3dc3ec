package org.cbir.core.internal.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntUnaryOperator;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;

/**
 * The exact last step of every approximate search: the candidates an index found (by hash
 * buckets, graph walk, quantized codes or inverted lists) scored again with the similarity on
 * their float vectors, and the {@code k} closest returned, closest first, ties by id (the order of
 * {@link Neighbor}). One implementation, so that every index ranks its candidates the same way.
 */
public final class ExactRerank {
    private ExactRerank() {
    }

    /** How an index reads its candidates: the id and the float vector of candidate {@code i}. */
    public interface Candidates {
        /** The caller's id of candidate {@code i}. */
        long id(int i);

        /** Copies the float vector of candidate {@code i} into {@code target} from index 0. */
        void copy(int i, float[] target);
    }

    /**
     * The {@code k} closest of {@code count} candidates to {@code query} by {@code similarity}.
     * Keeps a bounded heap when there are many more candidates than {@code k}, else sorts them all.
     *
     * @param candidates the candidates, read once each
     * @param count how many there are
     * @param dimension the length of their vectors
     * @return at most {@code k} neighbours, a new list
     */
    public static List<Neighbor> closest(Candidates candidates, int count, int dimension, Similarity similarity,
                                         float[] query, int k) {
        float[] vector = new float[dimension];
        if (count <= 2 * k) {
            List<Neighbor> ranked = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                candidates.copy(i, vector);
                ranked.add(new Neighbor(candidates.id(i), similarity.distance(query, vector)));
            }
            Collections.sort(ranked);
            return ranked.size() > k ? new ArrayList<>(ranked.subList(0, k)) : ranked;
        }
        PriorityQueue<Neighbor> worstFirst = new PriorityQueue<>(k + 1, Collections.reverseOrder());
        for (int i = 0; i < count; i++) {
            candidates.copy(i, vector);
            Neighbor candidate = new Neighbor(candidates.id(i), similarity.distance(query, vector));
            if (worstFirst.size() < k) {
                worstFirst.add(candidate);
            } else if (candidate.compareTo(worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(candidate);
            }
        }
        List<Neighbor> ranked = new ArrayList<>(worstFirst);
        Collections.sort(ranked);
        return ranked;
    }

    /**
     * {@link #closest(Candidates, int, int, Similarity, float[], int)} for candidates that are rows
     * of {@code view}: candidate {@code i} is row {@code row.applyAsInt(i)}.
     */
    public static List<Neighbor> closestRows(VectorView view, IntUnaryOperator row, int count, Similarity similarity,
                                             float[] query, int k) {
        return closest(new Candidates() {
            @Override
            public long id(int i) {
                return view.id(row.applyAsInt(i));
            }

            @Override
            public void copy(int i, float[] target) {
                view.copyRow(row.applyAsInt(i), target, 0);
            }
        }, count, view.dimension(), similarity, query, k);
    }
}
