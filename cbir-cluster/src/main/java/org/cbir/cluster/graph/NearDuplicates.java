package org.cbir.cluster.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.ProgressListener;

/**
 * Groups of near-duplicate images: two images are linked when one is among the other's
 * {@code k} nearest neighbours (searched through the index) at a distance of at most the
 * threshold, and a group is a connected set of links of two images or more (single linkage).
 * A copy of an image that is the same shot twice lies at distance 0; resized, recompressed or
 * slightly shifted copies lie a little further, so the threshold is in the units of the index's
 * distance. Because links come from k-NN searches, more than k + 1 copies of one shot are still
 * found through chains of links, and the cost is n searches, never n x n distances.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the largest distance that links two images, at least 0
 * @param k the neighbours searched per image, at least 1
 */
public record NearDuplicates(double threshold, int k) {

    /** One group of near-duplicates. */
    public record Group(List<Long> ids, double largestLink) {
        public Group {
            ids = List.copyOf(ids);
        }
    }

    /** @throws IllegalArgumentException for a negative or NaN threshold or {@code k < 1} */
    public NearDuplicates {
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("the duplicate distance threshold must be at least 0, got " + threshold);
        }
        Index.requireK(k);
    }

    /** The groups among {@code ids}, largest first, then by their smallest id; each group's ids ascending. */
    public List<Group> find(IndexView index, long[] ids, ProgressListener progress) {
        return find(KnnGraph.build(index, ids, k, "finding duplicates", progress));
    }

    /** The groups of a k-NN graph that was already built (its own k is used). */
    public List<Group> find(KnnGraph graph) {
        Objects.requireNonNull(graph, "graph");
        int n = graph.size();
        DisjointSets sets = new DisjointSets(n);
        double[] largest = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < graph.k(); j++) {
                int other = graph.neighbor(i, j);
                double d = graph.distance(i, j);
                if (other < 0 || d > threshold) {
                    break;
                }
                double link = Math.max(d, Math.max(largest[sets.find(i)], largest[sets.find(other)]));
                largest[sets.union(i, other)] = link;
            }
        }
        Map<Integer, List<Long>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (sets.sizeOf(i) > 1) {
                members.computeIfAbsent(sets.find(i), r -> new ArrayList<>()).add(graph.id(i));
            }
        }
        List<Group> groups = new ArrayList<>();
        members.forEach((root, list) -> {
            list.sort(Long::compare);
            groups.add(new Group(list, largest[root]));
        });
        groups.sort(Comparator.comparingInt((Group g) -> -g.ids().size()).thenComparingLong(g -> g.ids().get(0)));
        return groups;
    }
}
