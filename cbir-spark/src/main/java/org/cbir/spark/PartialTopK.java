package org.cbir.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.Neighbor;

/**
 * The top k of every query within one partition of a table, as arrays (compact to send back).
 * Merged on the driver with the tie rule of {@link Neighbor}: ascending distance, then id.
 */
final class PartialTopK implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[][] ids;
    private final double[][] distances;

    PartialTopK(List<List<Neighbor>> perQuery) {
        ids = new long[perQuery.size()][];
        distances = new double[perQuery.size()][];
        for (int q = 0; q < ids.length; q++) {
            List<Neighbor> neighbors = perQuery.get(q);
            ids[q] = new long[neighbors.size()];
            distances[q] = new double[neighbors.size()];
            for (int i = 0; i < neighbors.size(); i++) {
                ids[q][i] = neighbors.get(i).id();
                distances[q][i] = neighbors.get(i).distance();
            }
        }
    }

    int queries() {
        return ids.length;
    }

    /** The global top k of each query over {@code partials} (partitions without rows send none). */
    static List<List<Neighbor>> merge(List<PartialTopK> partials, int queries, int k) {
        List<List<Neighbor>> merged = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            List<Neighbor> all = new ArrayList<>();
            for (PartialTopK partial : partials) {
                for (int i = 0; i < partial.ids[q].length; i++) {
                    all.add(new Neighbor(partial.ids[q][i], partial.distances[q][i]));
                }
            }
            all.sort(null);
            merged.add(List.copyOf(all.subList(0, Math.min(k, all.size()))));
        }
        return merged;
    }
}
