package org.cbir.metrics;

import org.cbir.core.ComponentSpec;

/**
 * Earth mover's distance between one-dimensional histograms, in [0, n - 1] for {@code n} bins:
 * {@code sum_k |P_k - Q_k|}, where {@code P_k = sum_{i <= k} p_i} and {@code Q_k} are the
 * cumulative sums of the two histograms normalised to sum 1. It is the least total mass times
 * distance (in bins, neighbouring bins 1 apart) needed to turn one histogram into the other
 * (Rubner, Tomasi and Guibas, "The Earth Mover's Distance as a metric for image retrieval",
 * IJCV 2000; the 1-D closed form is the first Wasserstein distance), and equals SciPy's
 * {@code scipy.stats.wasserstein_distance(u_values=arange(n), v_values=arange(n),
 * u_weights=p, v_weights=q)}. pyCBIR's reference code has none.
 *
 * <p>Unlike the bin-by-bin metrics it knows that neighbouring bins are close: moving mass by one
 * bin costs less than moving it across the histogram. Histogram rules (normalisation, negative
 * entries refused, an all-zero histogram at the maximum {@code n - 1} from any other): see the
 * {@linkplain org.cbir.metrics package documentation}. Stateless and thread-safe.
 */
public final class EarthMoversDistance extends HistogramDistance {
    static final String TYPE = "earth-movers";

    /** The metric; prefer {@link Similarities#earthMovers()}. */
    public EarthMoversDistance() {
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    double normalisedDistance(float[] a, double scaleA, float[] b, double scaleB) {
        double cdfA = 0;
        double cdfB = 0;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            cdfA += a[i] * scaleA;
            cdfB += b[i] * scaleB;
            sum += Math.abs(cdfA - cdfB);
        }
        return sum;
    }

    @Override
    double maximum(int n) {
        return Math.max(0, n - 1);
    }
}
