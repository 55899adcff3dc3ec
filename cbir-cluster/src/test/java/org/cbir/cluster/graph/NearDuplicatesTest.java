package org.cbir.cluster.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.ProgressListener;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

    @Test
    void findsTheCopiesPlantedInARandomSet() {
        long seed = 5L;
        Random random = new Random(seed);
        int dimension = 16;
        Index index = IndexFactory.exact().create(dimension, Similarity.cosine());
        float[][] base = new float[300][dimension];
        for (int i = 0; i < base.length; i++) {
            for (int j = 0; j < dimension; j++) {
                base[i][j] = (float) random.nextGaussian();
            }
            index.add(i, base[i]);
        }
        // Planted: 5 exact copies of image 7 (more than k + 1 = 4, found through chains), one
        // slightly noisy copy of image 100, and one copy of 200 far beyond the threshold.
        long next = 1000;
        for (int c = 0; c < 5; c++) {
            index.add(next++, base[7].clone());
        }
        float[] noisy = base[100].clone();
        noisy[0] += 0.01f;
        index.add(next++, noisy);
        float[] far = base[200].clone();
        far[0] += 3f;
        far[1] -= 3f;
        index.add(next++, far);
        long[] ids = new long[300 + 7];
        for (int i = 0; i < 300; i++) {
            ids[i] = i;
        }
        for (int i = 0; i < 7; i++) {
            ids[300 + i] = 1000 + i;
        }
        List<NearDuplicates.Group> groups = new NearDuplicates(1e-3, 3).find(index, ids, ProgressListener.NONE);
        assertEquals(2, groups.size(), "seed " + seed + ": " + groups);
        assertEquals(List.of(7L, 1000L, 1001L, 1002L, 1003L, 1004L), groups.get(0).ids());
        assertEquals(0.0, groups.get(0).largestLink(), 1e-6);
        assertEquals(List.of(100L, 1005L), groups.get(1).ids());
    }

    @Test
    void knnGraphNeverListsANodeAsItsOwnNeighbour() {
        Index index = IndexFactory.exact().create(2, Similarity.cosine());
        index.add(1, new float[] {1, 0});
        index.add(2, new float[] {1, 0});
        index.add(3, new float[] {0, 1});
        KnnGraph graph = KnnGraph.build(index, new long[] {1, 2, 3}, 3, "graph", ProgressListener.NONE);
        assertEquals(1, graph.neighbor(0, 0));
        assertEquals(2, graph.neighbor(0, 1));
        assertEquals(-1, graph.neighbor(0, 2));
        assertEquals(0, graph.neighbor(1, 0));
        assertEquals(0f, graph.distance(1, 0), 1e-6f);
    }
}
