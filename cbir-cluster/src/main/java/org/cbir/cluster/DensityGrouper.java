package org.cbir.cluster;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;
import org.cbir.cluster.graph.DisjointSets;
import org.cbir.cluster.graph.KnnGraph;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the signatures of an index by density and finds the number of groups itself: HDBSCAN*
 * (Campello, Moulavi and Sander, PAKDD 2013; McInnes, Healy and Astels, JOSS 2017), with the
 * minimum spanning tree of the mutual-reachability distances computed on the index's k-NN graph
 * instead of on all n x n pairs, so that it runs on a million images.
 *
 * <ol>
 *   <li>The core distance of an image is its distance to its {@code minSamples}-th nearest image
 *       (itself counted first, as scikit-learn does); the mutual-reachability distance of two
 *       images is the largest of their distance and their two core distances.</li>
 *   <li>Kruskal's algorithm on the k-NN graph's edges weighted by mutual reachability gives the
 *       spanning forest (the exact MST whenever it uses only k-NN edges, which holds for all
 *       but rare long edges between far groups; components that the graph leaves apart are
 *       joined at infinite distance), whose merges in increasing order are the single-linkage
 *       hierarchy.</li>
 *   <li>The hierarchy is condensed: going down from the root, a split where both sides have at
 *       least {@code minClusterSize} images makes two new groups, a smaller side falls out as
 *       points. Each group's stability is the sum over its points of
 *       {@code 1/distance(leave) - 1/distance(birth)}, and the flat grouping keeps the groups
 *       of greatest total stability with none inside another (excess of mass; the root is never
 *       kept, as scikit-learn's default).</li>
 * </ol>
 * Images in no kept group are {@link Grouping#NOISE}. Immutable and thread-safe.
 */
public final class DensityGrouper {
    private static final Logger LOG = LoggerFactory.getLogger(DensityGrouper.class);

    private final int minClusterSize;
    private final int minSamples;
    private final int neighbors;

    private DensityGrouper(Builder b) {
        this.minClusterSize = b.minClusterSize;
        this.minSamples = b.minSamples > 0 ? b.minSamples : b.minClusterSize;
        this.neighbors = b.neighbors > 0 ? b.neighbors : Math.max(this.minSamples, 15);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Groups the images with these ids through the index's searches.
     *
     * @throws IllegalArgumentException if there are fewer than two images or an id is not in the index
     */
    public Grouping group(IndexView index, long[] ids, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        if (ids.length < 2) {
            throw new IllegalArgumentException("density grouping needs at least 2 images, got " + ids.length);
        }
        KnnGraph graph = KnnGraph.build(index, ids, neighbors, "k-NN graph", progress);
        progress.onProgress("density hierarchy", 0, 1);
        int[] groups = labels(graph);
        progress.onProgress("density hierarchy", 1, 1);
        int count = Arrays.stream(groups).max().orElse(-1) + 1;
        double[][] rows = SignatureRows.read(index, ids, false);
        String method = "HDBSCAN*, min cluster size " + minClusterSize + ", min samples " + minSamples + ", "
                + neighbors + "-NN graph";
        LOG.info("{}: {} groups, {} noise of {} images", method, count,
                Arrays.stream(groups).filter(g -> g == Grouping.NOISE).count(), ids.length);
        return new Grouping(method, ids, groups, SignatureRows.centerDistances(rows, groups, count));
    }

    /** The flat HDBSCAN* labels of the graph's nodes, numbered by decreasing group size. */
    int[] labels(KnnGraph graph) {
        int n = graph.size();
        Dendrogram tree = spanningHierarchy(graph, coreDistances(graph));
        return Condensed.of(tree, n, minClusterSize).flatLabels();
    }

    private double[] coreDistances(KnnGraph graph) {
        double[] core = new double[graph.size()];
        for (int i = 0; i < core.length; i++) {
            core[i] = minSamples <= 1 ? 0 : graph.distance(i, Math.min(minSamples, graph.k() + 1) - 2);
        }
        return core;
    }

    /** The single-linkage merges of the mutual-reachability spanning forest, in increasing distance. */
    private static Dendrogram spanningHierarchy(KnnGraph graph, double[] core) {
        int n = graph.size();
        int k = graph.k();
        long[] keys = new long[n * k];
        double[] weights = new double[n * k];
        int edges = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int other = graph.neighbor(i, j);
                if (other < 0) {
                    continue;
                }
                double w = Math.max(graph.distance(i, j), Math.max(core[i], core[other]));
                weights[edges] = w;
                // Non-negative floats order as their bits; the edge number fills the low half.
                keys[edges] = ((long) Float.floatToIntBits((float) w) << 32) | edges;
                edges++;
            }
        }
        long[] order = Arrays.copyOf(keys, edges);
        Arrays.sort(order);
        Dendrogram tree = new Dendrogram(n);
        DisjointSets sets = new DisjointSets(n);
        for (long key : order) {
            int e = (int) (key & 0xffffffffL);
            int a = e / k;
            int b = graph.neighbor(a, e % k);
            if (sets.find(a) != sets.find(b)) {
                tree.merge(sets.find(a), sets.find(b), sets.union(a, b), weights[e]);
            }
        }
        int first = -1;
        for (int i = 0; i < n; i++) { // components the graph left apart join at infinite distance
            if (sets.find(i) == i) {
                if (first < 0) {
                    first = i;
                } else {
                    int ra = sets.find(first);
                    tree.merge(ra, i, sets.union(ra, i), Double.POSITIVE_INFINITY);
                }
            }
        }
        return tree;
    }

    /** Binary merge tree: leaves 0..n-1, internal nodes n..2n-2 in merge order. */
    static final class Dendrogram {
        final int n;
        final int[] left;
        final int[] right;
        final double[] distance;
        final int[] size;
        private final int[] nodeOfSet;
        private int next;

        Dendrogram(int n) {
            this.n = n;
            left = new int[n - 1];
            right = new int[n - 1];
            distance = new double[n - 1];
            size = new int[2 * n - 1];
            nodeOfSet = new int[n];
            for (int i = 0; i < n; i++) {
                nodeOfSet[i] = i;
                size[i] = 1;
            }
            next = n;
        }

        /** Merges the sets whose representatives were {@code a} and {@code b}; {@code root} represents the union. */
        void merge(int a, int b, int root, double d) {
            int node = next++;
            left[node - n] = nodeOfSet[a];
            right[node - n] = nodeOfSet[b];
            distance[node - n] = d;
            size[node] = size[nodeOfSet[a]] + size[nodeOfSet[b]];
            nodeOfSet[root] = node;
        }

        int root() {
            return 2 * n - 2;
        }
    }

    /** The condensed tree of a dendrogram and its excess-of-mass selection. */
    private static final class Condensed {
        private final int[] parent;
        private final double[] birth;
        private final double[] stability;
        private final int[] lastCluster;
        private final int clusters;

        private Condensed(int[] parent, double[] birth, double[] stability, int[] lastCluster, int clusters) {
            this.parent = parent;
            this.birth = birth;
            this.stability = stability;
            this.lastCluster = lastCluster;
            this.clusters = clusters;
        }

        static Condensed of(Dendrogram tree, int n, int minClusterSize) {
            int maxClusters = n; // each split makes two clusters of >= 2 points
            int[] parent = new int[maxClusters];
            double[] birth = new double[maxClusters];
            double[] stability = new double[maxClusters];
            int[] lastCluster = new int[n];
            parent[0] = -1;
            int clusters = 1;
            Deque<int[]> work = new ArrayDeque<>();
            work.push(new int[] {tree.root(), 0});
            while (!work.isEmpty()) {
                int[] item = work.pop();
                int node = item[0];
                int cluster = item[1];
                if (node < n) {
                    lastCluster[node] = cluster;
                    continue;
                }
                int l = tree.left[node - n];
                int r = tree.right[node - n];
                double lambda = lambda(tree.distance[node - n]);
                double gain = lambda - birth[cluster];
                boolean bigL = tree.size[l] >= minClusterSize;
                boolean bigR = tree.size[r] >= minClusterSize;
                if (bigL && bigR) {
                    stability[cluster] += gain * tree.size[node];
                    for (int child : new int[] {l, r}) {
                        parent[clusters] = cluster;
                        birth[clusters] = lambda;
                        work.push(new int[] {child, clusters++});
                    }
                } else if (!bigL && !bigR) {
                    stability[cluster] += gain * tree.size[node];
                    fallOut(tree, node, cluster, lastCluster);
                } else {
                    int small = bigL ? r : l;
                    stability[cluster] += gain * tree.size[small];
                    fallOut(tree, small, cluster, lastCluster);
                    work.push(new int[] {bigL ? l : r, cluster});
                }
            }
            return new Condensed(parent, birth, stability, lastCluster, clusters);
        }

        private static double lambda(double distance) {
            return distance == Double.POSITIVE_INFINITY ? 0 : 1 / Math.max(distance, 1e-12);
        }

        private static void fallOut(Dendrogram tree, int node, int cluster, int[] lastCluster) {
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(node);
            while (!stack.isEmpty()) {
                int x = stack.pop();
                if (x < tree.n) {
                    lastCluster[x] = cluster;
                } else {
                    stack.push(tree.left[x - tree.n]);
                    stack.push(tree.right[x - tree.n]);
                }
            }
        }

        int[] flatLabels() {
            double[] value = new double[clusters];
            double[] childSum = new double[clusters];
            boolean[] hasChild = new boolean[clusters];
            boolean[] flagged = new boolean[clusters];
            for (int c = clusters - 1; c >= 1; c--) { // children come after their parent
                if (!hasChild[c] || stability[c] >= childSum[c]) {
                    flagged[c] = true;
                    value[c] = stability[c];
                } else {
                    value[c] = childSum[c];
                }
                childSum[parent[c]] += value[c];
                hasChild[parent[c]] = true;
            }
            int[] selectedOf = new int[clusters];
            selectedOf[0] = -1;
            for (int c = 1; c < clusters; c++) {
                int above = selectedOf[parent[c]];
                selectedOf[c] = above >= 0 ? above : flagged[c] ? c : -1;
            }
            int[] raw = new int[lastCluster.length];
            int[] sizes = new int[clusters];
            for (int p = 0; p < raw.length; p++) {
                raw[p] = selectedOf[lastCluster[p]];
                if (raw[p] >= 0) {
                    sizes[raw[p]]++;
                }
            }
            Integer[] kept = java.util.stream.IntStream.range(0, clusters).filter(c -> sizes[c] > 0).boxed()
                    .sorted((a, b) -> sizes[a] != sizes[b] ? Integer.compare(sizes[b], sizes[a]) : Integer.compare(a, b))
                    .toArray(Integer[]::new);
            int[] number = new int[clusters];
            Arrays.fill(number, Grouping.NOISE);
            for (int g = 0; g < kept.length; g++) {
                number[kept[g]] = g;
            }
            int[] labels = new int[raw.length];
            for (int p = 0; p < raw.length; p++) {
                labels[p] = raw[p] < 0 ? Grouping.NOISE : number[raw[p]];
            }
            return labels;
        }
    }

    /** Options of a {@link DensityGrouper}; {@link #build()} validates them. */
    public static final class Builder {
        private int minClusterSize = 10;
        private int minSamples;
        private int neighbors;

        private Builder() {
        }

        /** The fewest images a group may have; 10 by default. Larger values merge small groups or call them noise. */
        public Builder minClusterSize(int minClusterSize) {
            this.minClusterSize = minClusterSize;
            return this;
        }

        /** Neighbours that make an image's core distance (itself counted); the min cluster size by default. Larger is more conservative: more noise. */
        public Builder minSamples(int minSamples) {
            this.minSamples = minSamples;
            return this;
        }

        /** Neighbours per image in the k-NN graph; max(min samples, 15) by default. More gives an MST closer to the exact one. */
        public Builder neighbors(int neighbors) {
            this.neighbors = neighbors;
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is out of range */
        public DensityGrouper build() {
            if (minClusterSize < 2) {
                throw new IllegalArgumentException("the min cluster size must be at least 2, got " + minClusterSize);
            }
            if (minSamples < 0 || neighbors < 0) {
                throw new IllegalArgumentException("min samples and neighbours must be positive (0: default), got "
                        + minSamples + " and " + neighbors);
            }
            int samples = minSamples > 0 ? minSamples : minClusterSize;
            if (neighbors > 0 && neighbors < samples - 1) {
                throw new IllegalArgumentException("the k-NN graph needs at least min samples - 1 = " + (samples - 1)
                        + " neighbours, got " + neighbors);
            }
            return new DensityGrouper(this);
        }
    }
}
