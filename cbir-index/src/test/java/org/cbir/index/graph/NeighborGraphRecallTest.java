package org.cbir.index.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.index.ClusteredVectors;
import org.junit.jupiter.api.Test;

/**
 * Recall@10 of the graph index against exact search ({@link Indexes#exact()}) on 5,000 seeded
 * clustered vectors (50 clusters, spread 1.0, so clusters overlap) with 200 held-out queries from
 * the same distribution, in dimensions 16 and 64, under cosine and Euclidean distance. The floors
 * sit a little below the measured values. The distances returned must be the core's.
 */
class NeighborGraphRecallTest {
    private static final int K = 10;
    private static final int COUNT = 5_000;
    private static final int QUERIES = 200;

    @Test
    void cosineDimension16AtThreeSearchBeams() {
        Data data = new Data(16, Similarity.cosine(), 20251125L);
        NeighborGraphIndex index = data.build(NeighborGraph.builder().build());
        // measured: 0.9715 (beam 10), 1.0 (beam 50, the default), 1.0 (beam 150)
        double narrow = data.recall(index, 10);
        double standard = data.recall(index, 50);
        double wide = data.recall(index, 150);
        assertTrue(narrow >= 0.95, "recall@10 " + narrow);
        assertTrue(standard >= 0.99, "recall@10 " + standard);
        assertTrue(wide >= 0.99, "recall@10 " + wide);
        assertTrue(narrow <= standard && standard <= wide, narrow + " " + standard + " " + wide);
    }

    @Test
    void cosineDimension64() {
        Data data = new Data(64, Similarity.cosine(), 11L);
        NeighborGraphIndex index = data.build(NeighborGraph.builder().maxDegree(16).beamWidth(60).build());
        // measured: 0.963 (beam 10), 1.0 (beam 50)
        double narrow = data.recall(index, 10);
        double standard = data.recall(index, 50);
        assertTrue(narrow >= 0.94, "recall@10 " + narrow);
        assertTrue(standard >= 0.99, "recall@10 " + standard);
    }

    @Test
    void euclideanDimension16() {
        Data data = new Data(16, TestEuclidean.INSTANCE, 12L);
        NeighborGraphIndex index = data.build(NeighborGraph.builder().maxDegree(16).beamWidth(60).build());
        // measured: 0.911 (beam 10), 0.9985 (beam 50)
        double narrow = data.recall(index, 10);
        double standard = data.recall(index, 50);
        assertTrue(narrow >= 0.89, "recall@10 " + narrow);
        assertTrue(standard >= 0.98, "recall@10 " + standard);
    }

    @Test
    void euclideanDimension64WithoutHierarchy() {
        Data data = new Data(64, TestEuclidean.INSTANCE, 13L);
        NeighborGraphIndex index = data.build(NeighborGraph.builder().hierarchy(false).maxDegree(16).beamWidth(60).build());
        // measured: 0.9995 (beam 50)
        double recall = data.recall(index, 50);
        assertTrue(recall >= 0.98, "recall@10 " + recall);
    }

    /** Stored vectors, queries and the exact answers for one dimension and metric. */
    private static final class Data {
        final int dimension;
        final Similarity similarity;
        final List<float[]> stored;
        final List<float[]> queries;
        final List<List<Neighbor>> truth = new ArrayList<>();

        Data(int dimension, Similarity similarity, long seed) {
            this.dimension = dimension;
            this.similarity = similarity;
            List<float[]> all = ClusteredVectors.generate(COUNT + QUERIES, dimension, 50, 1.0, seed);
            stored = all.subList(0, COUNT);
            queries = all.subList(COUNT, COUNT + QUERIES);
            Index exact = IndexFactory.exact().create(dimension, similarity);
            for (int i = 0; i < COUNT; i++) {
                exact.add(i, stored.get(i));
            }
            for (float[] query : queries) {
                truth.add(exact.search(query, K));
            }
        }

        NeighborGraphIndex build(NeighborGraph factory) {
            NeighborGraphIndex graph = factory.create(dimension, similarity);
            for (int i = 0; i < COUNT; i++) {
                graph.add(i, stored.get(i));
            }
            return graph;
        }

        double recall(NeighborGraphIndex graph, int beam) {
            int found = 0;
            for (int q = 0; q < QUERIES; q++) {
                List<Neighbor> result = graph.search(queries.get(q), K, beam);
                assertEquals(K, result.size(), "a full result");
                Set<Long> ids = new HashSet<>();
                for (Neighbor n : truth.get(q)) {
                    ids.add(n.id());
                }
                for (Neighbor n : result) {
                    if (ids.contains(n.id())) {
                        found++;
                        double exact = similarity.distance(queries.get(q), stored.get((int) n.id()));
                        assertEquals(exact, n.distance(), 0.0, "the core's distance, not JVector's score");
                    }
                }
            }
            return found / (double) (K * QUERIES);
        }
    }
}
