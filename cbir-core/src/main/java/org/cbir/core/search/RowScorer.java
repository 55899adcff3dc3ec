package org.cbir.core.search;

import org.cbir.core.Similarity;
import org.cbir.core.math.FloatKernels;
import org.cbir.core.math.VectorMath;

/**
 * How one query scores the rows of a {@link RowStore} during a scan: a fast float score that
 * ranks like the {@link Similarity} up to a proven rounding bound, or the similarity itself.
 *
 * <ul>
 * <li>core's {@link CosineDistance}: {@code 1 - dot(q / |q|, v) / |v|}, one float dot product
 *     per row with the stored inverse norm;</li>
 * <li>a similarity of type {@code "euclidean"} (cbir-metrics): the float squared distance, which
 *     ranks like its square root;</li>
 * <li>anything else, a zero or non-finite query, and cosine over a store with vectors of extreme
 *     norm: {@link Similarity#distance} on a copy of each row (exact, slower).</li>
 * </ul>
 *
 * <p>{@link #limit(double)} says how far a fast score may lie above the k-th best fast score
 * and still belong to a row whose exact distance is among the k best: a row whose score exceeds
 * the limit is provably out (the bound comes from {@link FloatKernels#relativeErrorBound}), so
 * the scan keeps only the rows under it and re-scores them with the similarity. Immutable and
 * thread-safe per query.
 */
abstract class RowScorer {
    /** The type name of cbir-metrics' Euclidean distance (that module is not visible here). */
    static final String EUCLIDEAN = "euclidean";
    /** Absolute slack for underflow in the squared-distance kernel: d * 2^-149 for any sane d. */
    private static final double UNDERFLOW_SLACK = 1e-37;

    /** The scorer of {@code query} over {@code store} under {@code similarity}. */
    static RowScorer of(Similarity similarity, RowStore store, float[] query) {
        int dimension = query.length;
        if (similarity instanceof CosineDistance && !store.hasExtremeRows()) {
            double norm = VectorMath.norm(query);
            if (norm >= 1e-30 && norm <= 1e30) {
                return new Cosine(store, VectorMath.normalised(query));
            }
        } else if (EUCLIDEAN.equals(similarity.spec().type())) {
            return new SquaredEuclidean(query.clone());
        }
        return new Exact(similarity, query.clone(), dimension);
    }

    /**
     * The score of {@code row}, whose vector is at {@code data[offset, offset + dimension)};
     * {@code rowBuffer} is a scratch array of the dimension owned by the calling thread.
     * Never NaN (a NaN becomes positive infinity, which ranks last, as NaN distances do).
     */
    abstract double score(float[] data, int offset, int row, float[] rowBuffer);

    /** The largest score that may still belong to a top-k row when the k-th best score is {@code kth}. */
    abstract double limit(double kth);


    static double finite(double score) {
        return Double.isNaN(score) ? Double.POSITIVE_INFINITY : score;
    }

    /** 1 - cosine over unit query and stored inverse norms. */
    private static final class Cosine extends RowScorer {
        private final RowStore store;
        private final float[] unitQuery;
        private final double slack;

        Cosine(RowStore store, float[] unitQuery) {
            this.store = store;
            this.unitQuery = unitQuery;
            // float dot of a unit vector with v / |v|, plus the roundings of q / |q|, 1 / |v| and the
            // product, on both sides of the comparison
            this.slack = 2 * FloatKernels.relativeErrorBound(unitQuery.length + 4);
        }

        @Override
        double score(float[] data, int offset, int row, float[] rowBuffer) {
            return finite(1.0 - (double) FloatKernels.dot(unitQuery, data, offset) * store.inverseNorm(row));
        }

        @Override
        double limit(double kth) {
            return kth + slack;
        }
    }

    /** The float squared Euclidean distance; monotone in the distance. */
    private static final class SquaredEuclidean extends RowScorer {
        private final float[] query;
        private final double factor;

        SquaredEuclidean(float[] query) {
            this.query = query;
            double e = FloatKernels.relativeErrorBound(query.length + 4);
            this.factor = (1 + e) / (1 - e);
        }

        @Override
        double score(float[] data, int offset, int row, float[] rowBuffer) {
            return finite(FloatKernels.squareDistance(query, data, offset));
        }

        @Override
        double limit(double kth) {
            return (kth + UNDERFLOW_SLACK) * factor + UNDERFLOW_SLACK;
        }
    }

    /** The similarity itself, on a copy of each row. */
    private static final class Exact extends RowScorer {
        private final Similarity similarity;
        private final float[] query;
        private final int dimension;

        Exact(Similarity similarity, float[] query, int dimension) {
            this.similarity = similarity;
            this.query = query;
            this.dimension = dimension;
        }

        @Override
        double score(float[] data, int offset, int row, float[] rowBuffer) {
            System.arraycopy(data, offset, rowBuffer, 0, dimension);
            return finite(similarity.distance(query, rowBuffer));
        }

        @Override
        double limit(double kth) {
            return kth;
        }
    }
}
