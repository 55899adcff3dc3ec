/**
 * The similarity metrics of Araujo et al.'s pyCBIR ("Reverse Image Search for Scientific Data
 * within and beyond the Visible Spectrum") as {@link org.cbir.core.Similarity} implementations;
 * start from the factory {@link org.cbir.metrics.Similarities}.
 *
 * <p><b>One convention.</b> Every metric is a distance: 0 for identical inputs, larger for less
 * similar ones, never negative, so a ranking by ascending value can never be inverted. Scores
 * are turned into distances ({@code 1 - r} for Pearson, as {@code 1 - cos} for core's cosine).
 *
 * <p><b>Two families.</b>
 * <ul>
 *   <li>Real-valued metrics (Euclidean, city-block, Chebyshev, cosine, Pearson) accept any
 *       finite entries, negative included, and compare the vectors as they are.</li>
 *   <li>Histogram metrics (chi-square, Kullback-Leibler, Jeffrey, Kolmogorov-Smirnov,
 *       Cramér-von Mises, earth mover's) refuse negative or non-finite bins with an
 *       {@link java.lang.IllegalArgumentException} naming the metric and index, normalise each
 *       histogram to sum 1 (so only its shape counts), and put an all-zero histogram at 0 from
 *       another all-zero one and, from any other, at the metric's largest value between two
 *       normalised histograms of that length: the distance of two point masses in different
 *       bins (0 for fewer than 2 bins). No finite input gives NaN. The last three compare
 *       cumulative sums, so bin order matters.</li>
 * </ul>
 * Where pyCBIR's reference code differs (its Pearson ranks the least similar first, its
 * Jeffrey divergence is always 0, its chi-square and Kolmogorov-Smirnov are other quantities),
 * the class says so. Reference values come from SciPy through {@code tools/metrics_reference.py}.
 *
 * <p>All metrics are immutable, thread-safe, allocate nothing per call and never modify their
 * arguments.
 */
package org.cbir.metrics;
