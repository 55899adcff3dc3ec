package org.cbir.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the signatures of an index by k-means (Lloyd's iterations from k-means++ seeds, Arthur
 * and Vassilvitskii 2007; Apache Commons Math's {@code KMeansPlusPlusClusterer}), keeping the
 * best of several seeded starts by the sum of within-group variances. With a cosine index the
 * signatures are scaled to unit length first, so that groups follow angles as the index does.
 *
 * <p>When k is not given, it is chosen among 2..maxK by the mean silhouette (Rousseeuw 1987) on
 * a seeded sample of at most {@value #SILHOUETTE_SAMPLE} images: the k whose groups are, on
 * average, most clearly nearer their own members than the next group's. Groups are numbered by
 * decreasing size. Immutable and thread-safe.
 */
public final class KMeansGrouper {
    private static final Logger LOG = LoggerFactory.getLogger(KMeansGrouper.class);
    static final int SILHOUETTE_SAMPLE = 2000;

    private final int k;
    private final int maxK;
    private final int maxIterations;
    private final int starts;
    private final long seed;
    private final boolean unitLength;

    private KMeansGrouper(Builder b) {
        this.k = b.k;
        this.maxK = b.maxK;
        this.maxIterations = b.maxIterations;
        this.starts = b.starts;
        this.seed = b.seed;
        this.unitLength = b.unitLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A row of the data with its position, as Commons Math clusters it. */
    private record Row(int position, double[] getPoint) implements Clusterable {
    }

    /**
     * Groups the images with these ids.
     *
     * @throws IllegalArgumentException if there are fewer images than groups, or an id is not in the index
     */
    public Grouping group(IndexView index, long[] ids, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        double[][] rows = SignatureRows.read(index, ids, unitLength);
        int[] groups;
        String method;
        if (k > 0) {
            requireEnough(rows.length, k);
            progress.onProgress("k-means", 0, 1);
            groups = cluster(rows, k);
            progress.onProgress("k-means", 1, 1);
            method = "k-means, k = " + k;
        } else {
            int largest = Math.min(maxK, rows.length - 1);
            requireEnough(rows.length, 2);
            int[] sample = Silhouette.sample(rows.length, SILHOUETTE_SAMPLE, seed);
            double bestScore = Double.NEGATIVE_INFINITY;
            int bestK = 2;
            groups = null;
            for (int candidate = 2; candidate <= largest; candidate++) {
                progress.onProgress("k-means", candidate - 2, largest - 1);
                int[] labels = cluster(rows, candidate);
                double score = Silhouette.mean(rows, labels, sample);
                LOG.debug("k = {}: mean silhouette {}", candidate, score);
                if (score > bestScore) {
                    bestScore = score;
                    bestK = candidate;
                    groups = labels;
                }
            }
            progress.onProgress("k-means", largest - 1, largest - 1);
            method = String.format(java.util.Locale.ROOT, "k-means, k = %d chosen among 2..%d by mean silhouette %.4f",
                    bestK, largest, bestScore);
        }
        int count = 0;
        for (int g : groups) {
            count = Math.max(count, g + 1);
        }
        LOG.info("{} on {} images", method, rows.length);
        return new Grouping(method, ids, groups, SignatureRows.centerDistances(rows, groups, count));
    }

    private static void requireEnough(int images, int groups) {
        if (images < groups) {
            throw new IllegalArgumentException("cannot form " + groups + " groups from " + images + " images");
        }
    }

    private int[] cluster(double[][] rows, int groups) {
        List<Row> data = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            data.add(new Row(i, rows[i]));
        }
        KMeansPlusPlusClusterer<Row> single = new KMeansPlusPlusClusterer<>(groups, maxIterations, new EuclideanDistance(),
                new Well19937c(seed), KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_VARIANCE);
        // Best start by inertia (the sum of squared distances to the centres), as scikit-learn keeps
        // it; Commons Math's MultiKMeansPlusPlusClusterer ranks by the unweighted sum of the groups'
        // variances instead, which can prefer a worse partition.
        List<CentroidCluster<Row>> clusters = null;
        double best = Double.POSITIVE_INFINITY;
        for (int start = 0; start < starts; start++) {
            List<CentroidCluster<Row>> candidate = single.cluster(data);
            double inertia = 0;
            for (CentroidCluster<Row> c : candidate) {
                double[] centre = c.getCenter().getPoint();
                for (Row r : c.getPoints()) {
                    inertia += SignatureRows.squared(r.getPoint(), centre);
                }
            }
            if (inertia < best) {
                best = inertia;
                clusters = candidate;
            }
        }
        List<List<Row>> byCluster = new ArrayList<>();
        clusters.forEach(c -> byCluster.add(c.getPoints()));
        byCluster.sort(Comparator.comparingInt((List<Row> c) -> -c.size())
                .thenComparingInt(c -> c.stream().mapToInt(Row::position).min().orElse(Integer.MAX_VALUE)));
        int[] labels = new int[rows.length];
        for (int g = 0; g < byCluster.size(); g++) {
            for (Row r : byCluster.get(g)) {
                labels[r.position()] = g;
            }
        }
        return labels;
    }

    /** Options of a {@link KMeansGrouper}; {@link #build()} validates them. */
    public static final class Builder {
        private int k;
        private int maxK = 10;
        private int maxIterations = 300;
        private int starts = 10;
        private long seed;
        private boolean unitLength;

        private Builder() {
        }

        /** The number of groups; 0 (the default) chooses it among 2..maxK by silhouette. */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** The largest k tried when k is chosen; 10 by default. */
        public Builder maxK(int maxK) {
            this.maxK = maxK;
            return this;
        }

        /** Lloyd iterations per start at most; 300 by default. */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        /** Seeded k-means++ starts, the best kept; 10 by default (as scikit-learn's n_init). More starts cost time and rarely lower the variance much. */
        public Builder starts(int starts) {
            this.starts = starts;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether signatures are scaled to unit length first (do it for a cosine index); off by default. */
        public Builder unitLength(boolean unitLength) {
            this.unitLength = unitLength;
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is out of range */
        public KMeansGrouper build() {
            if (k < 0 || k == 1) {
                throw new IllegalArgumentException("k must be 0 (choose) or at least 2, got " + k);
            }
            if (maxK < 2 || maxIterations < 1 || starts < 1) {
                throw new IllegalArgumentException("maxK must be at least 2, iterations and starts at least 1; got "
                        + maxK + ", " + maxIterations + ", " + starts);
            }
            return new KMeansGrouper(this);
        }
    }
}
