package org.cbir.metrics;

import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;

/**
 * The shared rules of the histogram metrics (chi-square, Kullback-Leibler, Jeffrey,
 * Kolmogorov-Smirnov, Cramér-von Mises, earth mover's): what they do before their formula.
 *
 * <ol>
 *   <li>Both vectors must have the same length ({@link IllegalArgumentException} naming both).</li>
 *   <li>Every entry must be finite and non-negative; otherwise an
 *       {@link IllegalArgumentException} names the metric, the vector (first or second) and the
 *       index. Negative bins are refused rather than shifted, because no shift is right for
 *       every signature: shift real-valued signatures yourself, or use a real-valued metric.</li>
 *   <li>Each histogram is normalised to sum 1 ({@code p = a / sum(a)}), as SciPy's
 *       {@code entropy} and {@code wasserstein_distance} do, so that histograms of images of
 *       different sizes compare by their shape only.</li>
 *   <li>An all-zero histogram has no distribution. Two all-zero histograms are at distance 0;
 *       an all-zero histogram and a non-zero one are at the metric's largest distance between
 *       two normalised histograms of that length ({@link #maximum(int)}), that is, as far apart
 *       as two point masses in different bins. This matches core's cosine distance, which puts
 *       a zero vector at 1, its largest value for non-negative vectors. No input of finite
 *       entries gives NaN.</li>
 * </ol>
 * The normalisation is done on the fly; nothing is allocated and the arguments are not
 * modified. Subclasses are stateless or immutable, and thread-safe.
 */
abstract sealed class HistogramDistance implements Similarity
        permits ChiSquareDistance, KullbackLeiblerDivergence, JeffreyDivergence,
                KolmogorovSmirnovDistance, CramerVonMisesDistance, EarthMoversDistance {

    @Override
    public final SimilarityKind kind() {
        return SimilarityKind.HISTOGRAM;
    }

    @Override
    public final double distance(float[] a, float[] b) {
        Similarity.requireSameLength(a, b);
        double massA = mass(a, "first");
        double massB = mass(b, "second");
        if (massA == 0 || massB == 0) {
            return massA == massB ? 0.0 : maximum(a.length);
        }
        return normalisedDistance(a, 1.0 / massA, b, 1.0 / massB);
    }

    /**
     * The distance between the normalised histograms {@code p[i] = a[i] * scaleA} and
     * {@code q[i] = b[i] * scaleB}; both arrays are validated, of equal length and of sum > 0.
     */
    abstract double normalisedDistance(float[] a, double scaleA, float[] b, double scaleB);

    /**
     * The largest distance between two normalised histograms of {@code n} bins (0 when
     * {@code n < 2}, where every non-empty histogram normalises to the same one); the distance
     * between an all-zero histogram and a non-zero one.
     */
    abstract double maximum(int n);

    private double mass(float[] h, String which) {
        double sum = 0;
        for (int i = 0; i < h.length; i++) {
            float v = h[i];
            if (!(v >= 0) || v == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(spec().type() + ": entry " + i + " of the " + which
                        + " histogram is " + v + "; histogram metrics need finite, non-negative entries: use a"
                        + " non-negative signature (IntensityHistogram, LBP, HOG, Daisy) or rescale it to 0..1 with"
                        + " MinMaxScaling (the command line's --reducer min-max, which --reducer auto picks for"
                        + " histogram and glcm)");
            }
            sum += v;
        }
        return sum;
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
