package org.cbir.core.internal.search;

import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.math.FloatKernels;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.internal.math.VectorMath;

/**
 * How one query scores the rows of a {@link RowStore} during a scan: a fast float score that
 * ranks like the {@link Similarity} up to a proven rounding bound, or the similarity itself.
 *
 * <ul>
 * <li>{@link Kind#COSINE} for a similarity of {@link SimilarityKind#COSINE} (core's
 *     {@link CosineDistance}): {@code -dot(q / |q|, v) / |v|}, that is the distance minus 1, from
 *     {@link RowTiles#cosineScores} (norms recomputed from the rows);</li>
 * <li>{@link Kind#SQUARED_EUCLIDEAN} for a similarity of {@link SimilarityKind#EUCLIDEAN} (cbir-metrics):
 *     the float squared distance from {@link RowTiles#squareDistances}, which ranks like its
 *     square root;</li>
 * <li>{@link Kind#EXACT} for anything else, a zero or non-finite query, and cosine over a store
 *     with vectors of extreme norm: {@link Similarity#distance} on a copy of each row (exact,
 *     slower).</li>
 * </ul>
 *
 * <p>{@link #limit(double)} says how far a fast score may lie above the k-th best fast score
 * and still belong to a row whose exact distance is among the k best: a row whose score exceeds
 * the limit is provably out (the bound comes from {@link FloatKernels#relativeErrorBound}), so
 * the scan keeps only the rows under it and re-scores them with the similarity. Immutable and
 * thread-safe.
 */
final class RowScorer {
    /** Absolute slack for underflow in the squared-distance kernel: d * 2^-149 for any sane d. */
    private static final double UNDERFLOW_SLACK = 1e-37;

    /** Which scores the scan computes for a query. */
    enum Kind {
        COSINE, SQUARED_EUCLIDEAN, EXACT
    }

    private final Kind kind;
    private final Similarity similarity;
    private final float[] query;
    private final double slack;
    private final double factor;

    private RowScorer(Kind kind, Similarity similarity, float[] query) {
        this.kind = kind;
        this.similarity = similarity;
        this.query = query;
        // cosine: the float dot of a unit vector with v plus |v|^2 (each within relativeErrorBound
        // of |v| and |v|^2), the roundings of q / |q|, the square root, the division and the product,
        // on both sides of the comparison; squared L2: the sum of d squared differences
        double e = FloatKernels.relativeErrorBound(query.length + 4);
        this.slack = 3 * e;
        this.factor = (1 + e) / (1 - e);
    }

    /** The scorer of {@code query} over {@code store} under {@code similarity}. */
    static RowScorer of(Similarity similarity, RowStore store, float[] query) {
        if (similarity.kind() == SimilarityKind.COSINE && !store.hasExtremeRows()) {
            double norm = VectorMath.norm(query);
            if (norm >= 1e-30 && norm <= 1e30) {
                return new RowScorer(Kind.COSINE, similarity, VectorMath.normalized(query));
            }
        } else if (similarity.kind() == SimilarityKind.EUCLIDEAN) {
            return new RowScorer(Kind.SQUARED_EUCLIDEAN, similarity, query.clone());
        }
        return new RowScorer(Kind.EXACT, similarity, query.clone());
    }

    Kind kind() {
        return kind;
    }

    /** The query the kernels take: unit under cosine, a copy otherwise. Not to be modified. */
    float[] query() {
        return query;
    }

    /** The exact score of a row (kind {@link Kind#EXACT}); never NaN. */
    double exactScore(float[] row) {
        return finite(similarity.distance(query, row));
    }

    /** The largest score that may still belong to a top-k row when the k-th best score is {@code kth}. */
    double limit(double kth) {
        return switch (kind) {
            case COSINE -> kth + slack;
            case SQUARED_EUCLIDEAN -> (kth + UNDERFLOW_SLACK) * factor + UNDERFLOW_SLACK;
            case EXACT -> kth;
        };
    }

    /** {@code score}, or positive infinity for NaN (NaN distances rank last). */
    static double finite(double score) {
        return Double.isNaN(score) ? Double.POSITIVE_INFINITY : score;
    }
}
