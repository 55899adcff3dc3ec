package org.cbir.index.graph;

import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.util.Arrays;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.index.VectorView;

/**
 * The vectors of a graph index by JVector ordinal, held once: the caller's vectors, ids and the
 * ordinal of each id in core's shared {@link VectorStore} (ordinal = row), and under cosine the
 * inverse norm of each (4 bytes a vector). The graph scores candidates through
 * {@link #scores(float[])}, which reads each row in place with core's vector kernel and applies
 * the stored inverse norms, so neither building nor searching copies or normalises a stored
 * vector. (Before, the graph read each candidate through JVector's {@code RandomAccessVectorValues},
 * which copied the row out of the store and normalised it on every read: building took 1.5 to
 * 1.7 times as long as with a second, normalised copy of every vector.)
 * Ordinals are dense from 0 and never reused while the index lives: a removed ordinal stays a
 * dead row of the store; saving renumbers the live ones.
 *
 * <p>Reads may run from many threads while the index's read lock is held; {@link #append} and
 * {@link #remove} run under its write lock.
 */
final class GraphVectors {
    private final VectorStore store;
    private final boolean normalise;
    private final Bits liveBits;
    /** Under cosine, {@code 1 / |v|} of each ordinal's vector (0 for a zero vector); unused otherwise. */
    private volatile float[] inverseNorms = new float[16];

    /** Vectors of {@code dimension}, compared as unit vectors when {@code normalise}. */
    GraphVectors(int dimension, boolean normalise) {
        this.store = new VectorStore(dimension);
        this.normalise = normalise;
        this.liveBits = store::isLive;
    }

    /** The caller's vectors and ids by ordinal, as {@code vector(id)} and the ranking read them. */
    VectorView view() {
        return store;
    }

    /**
     * Appends a copy of {@code original} under {@code id}; returns the new ordinal.
     *
     * @throws IllegalArgumentException if {@code id} is present
     */
    int append(long id, float[] original) {
        int ordinal = store.append(id, original, 0);
        if (normalise) {
            float[] norms = inverseNorms;
            if (ordinal == norms.length) {
                norms = Arrays.copyOf(norms, norms.length * 2);
            }
            norms[ordinal] = inverseNorm(original);
            inverseNorms = norms;
        }
        return ordinal;
    }

    /** Marks the ordinal of {@code id} removed and returns it, or -1 when the id is absent. */
    int remove(long id) {
        return store.markRemoved(id);
    }

    /** The ordinal of {@code id}, or -1. */
    int ordinalOf(long id) {
        return store.rowOf(id);
    }

    long id(int ordinal) {
        return store.id(ordinal);
    }

    /** Live vectors. */
    int liveCount() {
        return store.size();
    }

    /** Ordinals handed out so far, removed ones included (the ordinal bound). */
    int rows() {
        return store.rows();
    }

    int dimension() {
        return store.dimension();
    }

    /** Whether {@code ordinal} holds a live vector. */
    boolean isLive(int ordinal) {
        return store.isLive(ordinal);
    }

    /** The live ordinals as JVector bits (a view, valid while the caller holds the lock). */
    Bits liveBits() {
        return liveBits;
    }

    /** A copy of the caller's vector at {@code ordinal}. */
    float[] original(int ordinal) {
        float[] vector = new float[store.dimension()];
        store.copyRow(ordinal, vector, 0);
        return vector;
    }

    /**
     * The graph's scores of every stored vector against {@code query} (kept, not copied): under
     * cosine JVector's dot-product score of the unit vectors, {@code (1 + cos) / 2}, with 1/2 for
     * a zero vector; under Euclidean JVector's {@code 1 / (1 + |q - v|^2)}. Both decrease strictly
     * with the core's distance. Thread-safe while the read lock is held.
     */
    ScoreFunction.ExactScoreFunction scores(float[] query) {
        if (!normalise) {
            return ordinal -> 1 / (1 + store.squareDistance(query, ordinal));
        }
        float queryInverse = inverseNorm(query);
        float[] norms = inverseNorms;
        return ordinal -> (1 + store.dot(query, ordinal) * queryInverse * norms[ordinal]) * 0.5f;
    }

    /**
     * The compact graph's walk scores of every stored vector against {@code query} (kept, not
     * copied): under cosine {@code q . v / |v|} (the query's own norm left out, as it orders
     * nothing), under Euclidean {@code -|q - v|^2}. Both decrease strictly with the core's
     * distance, as {@link #scores(float[])} does, without its transformations.
     */
    Scorer scorer(float[] query) {
        return new Scorer(store, normalise ? inverseNorms : null, query);
    }

    /** Whether every ordinal handed out holds a live vector. */
    boolean allLive() {
        return store.deadCount() == 0;
    }

    /** Walk scores against one query (see {@link #scorer}); used by one thread. */
    static final class Scorer {
        private final VectorStore store;
        private final float[] inverseNorms;
        private final float[] query;

        Scorer(VectorStore store, float[] inverseNorms, float[] query) {
            this.store = store;
            this.inverseNorms = inverseNorms;
            this.query = query;
        }

        /** The score of {@code ordinal}: higher is nearer. */
        float score(int ordinal) {
            float[] norms = inverseNorms;
            return norms != null ? store.dot(query, ordinal) * norms[ordinal] : -store.squareDistance(query, ordinal);
        }

        /** Whether {@code ordinal} holds a live vector. */
        boolean isLive(int ordinal) {
            return store.isLive(ordinal);
        }
    }

    /** {@link #scores(float[])} of the vector stored at {@code ordinal}. */
    ScoreFunction.ExactScoreFunction scores(int ordinal) {
        return scores(original(ordinal));
    }

    /** {@link #scores(float[])} of a JVector vector (copied into an array of its own first). */
    ScoreFunction.ExactScoreFunction scores(VectorFloat<?> vector) {
        float[] query = new float[vector.length()];
        for (int i = 0; i < query.length; i++) {
            query[i] = vector.get(i);
        }
        return scores(query);
    }

    /** The mean of the vectors the graph compares (unit vectors under cosine) over the live ordinals. */
    float[] centroid() {
        int dimension = store.dimension();
        double[] sum = new double[dimension];
        float[] row = new float[dimension];
        int live = 0;
        for (int ordinal = 0; ordinal < store.rows(); ordinal++) {
            if (store.isLive(ordinal)) {
                store.copyRow(ordinal, row, 0);
                float scale = normalise ? inverseNorms[ordinal] : 1;
                for (int j = 0; j < dimension; j++) {
                    sum[j] += row[j] * scale;
                }
                live++;
            }
        }
        float[] centroid = new float[dimension];
        for (int j = 0; live > 0 && j < dimension; j++) {
            centroid[j] = (float) (sum[j] / live);
        }
        return centroid;
    }

    /** {@code 1 / |v|} in float, from a double sum of squares; 0 for a zero vector. */
    private static float inverseNorm(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        return norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
    }
}
