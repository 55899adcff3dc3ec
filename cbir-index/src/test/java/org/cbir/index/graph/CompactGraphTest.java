package org.cbir.index.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The compact graph and its search: the same recall as JVector's own search of the same graph
 * at the same beam (both against brute force), in low and high dimension, a hand-made graph searched exhaustively, removed
 * nodes walked through but never returned, and the index's switch between JVector's mutable
 * graph and the compact copy as nodes are added, removed and purged.
 */
class CompactGraphTest {
    private static final int K = 10;

    @Test
    void sameRecallAsJVectorsSearchOfTheSameGraph() {
        int count = 4_000;
        int queries = 200;
        List<float[]> all = ClusteredVectors.generate(count + queries, 16, 40, 1.0, 77L);
        Similarity cosine = Similarity.cosine();
        NeighborGraph factory = NeighborGraph.builder().maxDegree(12).beamWidth(60).build();
        NeighborGraphIndex compact = factory.create(16, cosine);
        NeighborGraphIndex jvector = withJVectorSearch(() -> factory.create(16, cosine));
        Index exact = IndexFactory.exact().create(16, cosine);
        for (int i = 0; i < count; i++) { // one thread: JVector builds the same graph twice
            compact.add(i, all.get(i));
            jvector.add(i, all.get(i));
            exact.add(i, all.get(i));
        }
        for (int beam : new int[] {10, 20, 50}) {
            int compactHits = 0;
            int jvectorHits = 0;
            int agreed = 0;
            for (int q = count; q < count + queries; q++) {
                Set<Long> truth = ids(exact.search(all.get(q), K));
                List<Neighbor> fromCompact = compact.search(all.get(q), K, beam);
                List<Neighbor> fromJVector = jvector.search(all.get(q), K, beam);
                assertEquals(K, fromCompact.size());
                compactHits += hits(truth, fromCompact);
                jvectorHits += hits(truth, fromJVector);
                agreed += hits(ids(fromJVector), fromCompact);
                for (Neighbor n : fromCompact) {
                    assertEquals(cosine.distance(all.get(q), all.get((int) n.id())), n.distance(), 0.0);
                }
            }
            double compactRecall = compactHits / (double) (K * queries);
            double jvectorRecall = jvectorHits / (double) (K * queries);
            assertTrue(compactRecall >= jvectorRecall - 0.01, "beam " + beam + ": compact " + compactRecall
                    + " against JVector's " + jvectorRecall);
            assertTrue(agreed >= 0.97 * K * queries, "beam " + beam + ": " + agreed + " of " + K * queries + " agree");
        }
    }

    /**
     * One graph of 5,000 vectors of dimension 256 (20 overlapping clusters), searched by both
     * searches at beams 10 to 80: the compact search returns what JVector's returns, its recall
     * against brute force is within 0.01 of JVector's and rises with the beam, and it scores no
     * more nodes than JVector's visits. When it entered the base layer from the node the
     * descent ended at alone, it agreed on 97.5 % of the results at beam 10 and scored 11 to 19 %
     * more nodes than JVector's (and at 100,000 x 512 its recall fell 0.02 below JVector's).
     */
    @Test
    @SuppressWarnings("deprecation") // JVector 4.0.2's only constructor that sets hierarchy and refinement explicitly
    void sameNodesAsJVectorsSearchOfTheSameGraphInHighDimension() throws IOException {
        int count = 5_000;
        int queries = 200;
        int dimension = 256;
        List<float[]> all = ClusteredVectors.generate(count + queries, dimension, 20, 1.0, 11L);
        GraphVectors vectors = new GraphVectors(dimension, true);
        Index exact = IndexFactory.exact().create(dimension, Similarity.cosine());
        for (int i = 0; i < count; i++) {
            vectors.append(i, all.get(i));
            exact.add(i, all.get(i));
        }
        GraphIndexBuilder builder = new GraphIndexBuilder(new GraphScores(vectors), dimension, 16, 40, 1.2f, 1.2f,
                true, true);
        for (int i = 0; i < count; i++) { // one thread, one graph for both searches
            builder.addGraphNode(i, new DefaultSearchScoreProvider(vectors.scores(i)));
        }
        CompactGraph compact = CompactGraph.of(builder.getGraph(), count);
        assertTrue(compact.layers() >= 3, "a hierarchy to descend: " + compact.layers() + " layers");
        CompactGraph.Scratch scratch = new CompactGraph.Scratch();
        double previousRecall = 0;
        try (GraphSearcher searcher = new GraphSearcher(builder.getGraph())) {
            for (int beam : new int[] {10, 20, 40, 80}) {
                int compactHits = 0;
                int jvectorHits = 0;
                int agreed = 0;
                long compactScored = 0;
                long jvectorScored = 0;
                for (int q = count; q < count + queries; q++) {
                    Set<Long> truth = ids(exact.search(all.get(q), K));
                    SearchResult result = searcher.search(new DefaultSearchScoreProvider(vectors.scores(all.get(q))),
                            beam, beam, 0f, 0f, Bits.ALL);
                    Set<Long> fromJVector = new HashSet<>();
                    for (int i = 0; i < K; i++) {
                        fromJVector.add((long) result.getNodes()[i].node);
                    }
                    jvectorScored += result.getVisitedCount() + 1; // JVector does not count its entry node
                    compact.search(vectors.scorer(all.get(q)), beam, true, scratch);
                    compactScored += scratch.scored();
                    assertEquals(K, scratch.retainBest(K));
                    for (int i = 0; i < K; i++) {
                        long node = scratch.results()[i];
                        compactHits += truth.contains(node) ? 1 : 0;
                        agreed += fromJVector.contains(node) ? 1 : 0;
                    }
                    jvectorHits += hits(truth, fromJVector);
                }
                double compactRecall = compactHits / (double) (K * queries);
                double jvectorRecall = jvectorHits / (double) (K * queries);
                String at = "beam " + beam + ": compact recall " + compactRecall + ", JVector's " + jvectorRecall;
                assertEquals(jvectorRecall, compactRecall, 0.01, at);
                assertTrue(compactRecall >= previousRecall, at + ", below " + previousRecall + " at the smaller beam");
                assertTrue(agreed >= 0.995 * K * queries, at + ": " + agreed + " of " + K * queries + " agree");
                assertTrue(compactScored <= 1.01 * jvectorScored, at + ": scored " + compactScored
                        + " nodes, JVector " + jvectorScored);
                previousRecall = compactRecall;
            }
        }
    }

    @Test
    void aHandMadeGraphSearchedWithAWideBeamReturnsTheExactNeighbours() {
        // 40 points on a circle, each linked to its two neighbours on the circle: a ring; layer 1 holds 0 and 20
        int n = 40;
        GraphVectors vectors = new GraphVectors(2, false);
        int[] base = new int[n];
        int[][] baseLists = new int[n][];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            vectors.append(100 + i, new float[] {(float) Math.cos(angle), (float) Math.sin(angle)});
            base[i] = i;
            baseLists[i] = new int[] {(i + 1) % n, (i + n - 1) % n};
        }
        CompactGraph graph = new CompactGraph(n, 20, new int[] {2, 2}, new int[][] {base, {20, 0}},
                new int[][][] {baseLists, {{0}, {20}}});
        assertEquals(2, graph.layers());
        assertArrayEquals(new int[] {0, 20}, graph.nodes(1));
        assertArrayEquals(new int[] {20}, graph.neighbors(1, 0));
        assertArrayEquals(new int[] {8, 6}, graph.neighbors(0, 7));
        assertEquals(2, graph.baseWidth());

        float[] query = {(float) Math.cos(2 * Math.PI * 9.2 / n), (float) Math.sin(2 * Math.PI * 9.2 / n)};
        CompactGraph.Scratch scratch = new CompactGraph.Scratch();
        for (int round = 0; round < 300; round++) { // the visited marks wrap after 255 queries
            int found = graph.search(vectors.scorer(query), 5, true, scratch);
            assertEquals(5, found);
            int[] nodes = Arrays.copyOf(scratch.results(), found);
            Arrays.sort(nodes);
            assertArrayEquals(new int[] {7, 8, 9, 10, 11}, nodes, "round " + round);
        }
        // the whole ring with a beam of every node
        assertEquals(n, graph.search(vectors.scorer(query), n, true, scratch));

        vectors.remove(109);
        vectors.remove(110);
        int found = graph.search(vectors.scorer(query), 5, false, scratch);
        int[] nodes = Arrays.copyOf(scratch.results(), found);
        Arrays.sort(nodes);
        assertArrayEquals(new int[] {6, 7, 8, 11, 12}, nodes, "walks through the removed 9 and 10");
    }

    @Test
    void anEmptyGraphFindsNothing() {
        CompactGraph graph = new CompactGraph(0, -1, new int[] {8}, new int[][] {{}}, new int[][][] {{}});
        GraphVectors vectors = new GraphVectors(3, true);
        assertEquals(0, graph.search(vectors.scorer(new float[] {1, 2, 3}), 5, true, new CompactGraph.Scratch()));
        assertEquals(0, graph.size(0));
        assertFalse(graph.contains(0));
    }

    @Test
    void addsRemovalsAndPurgesBetweenSearchesKeepTheVectorsFindable() {
        List<float[]> data = ClusteredVectors.generate(3_000, 8, 20, 0.5, 5L);
        NeighborGraphIndex index = NeighborGraph.builder().maxDegree(10).beamWidth(40).build()
                .create(8, TestEuclidean.INSTANCE);
        long[] ids = new long[1_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        index.addAll(ids, data.subList(0, 1_000), java.util.concurrent.ForkJoinPool.commonPool()); // compacted at once
        // a wide beam, so that what is tested is reachability: after these changes a few nodes keep
        // a single in-link (vector 1703 in some of the concurrent builds), which a search at the
        // default beam of 50 misses now and then, depending on the order the walk meets nodes
        int beam = 200;
        Set<Long> removed = new HashSet<>();
        List<Long> lost = new ArrayList<>();
        for (int i = 1_000; i < 3_000; i++) {
            index.add(i, data.get(i)); // JVector's graph again, from the compact copy on the first
            if (i % 7 == 0) {
                assertTrue(index.remove(i - 500));
                removed.add((long) (i - 500));
            }
            if (i % 100 == 0) { // searches between: JVector's search or a new compact copy
                for (int probe = i - 99; probe <= i; probe += 33) {
                    if (!removed.contains((long) probe) && index.search(data.get(probe), 1, beam).get(0).id() != probe) {
                        lost.add((long) probe);
                    }
                }
            }
        }
        for (int i = 0; i < 3_000; i += 13) {
            assertEquals(!removed.contains((long) i), index.contains(i));
            long nearest = index.search(data.get(i), 1, beam).get(0).id();
            if (removed.contains((long) i)) {
                assertTrue(nearest != i, "removed " + i + " is not returned");
            } else if (nearest != i) {
                lost.add((long) i);
            }
        }
        // an approximate graph may leave the odd node with no in-link after its neighbours prune
        // their lists (about one in a few thousand here, in some of the concurrent builds); the
        // failures this test guards against lost hundreds (a removed entry node, see
        // NeighborGraphIndexTest)
        assertTrue(lost.size() <= 2, "live vectors that are not their own nearest neighbour: " + lost);
    }

    private static NeighborGraphIndex withJVectorSearch(java.util.function.Supplier<NeighborGraphIndex> create) {
        String before = System.getProperty(NeighborGraphIndex.SEARCH_PROPERTY);
        System.setProperty(NeighborGraphIndex.SEARCH_PROPERTY, "jvector");
        try {
            return create.get();
        } finally {
            if (before == null) {
                System.clearProperty(NeighborGraphIndex.SEARCH_PROPERTY);
            } else {
                System.setProperty(NeighborGraphIndex.SEARCH_PROPERTY, before);
            }
        }
    }

    private static Set<Long> ids(List<Neighbor> neighbors) {
        Set<Long> ids = new HashSet<>();
        for (Neighbor n : neighbors) {
            ids.add(n.id());
        }
        return ids;
    }

    private static int hits(Set<Long> truth, Set<Long> found) {
        int hits = 0;
        for (long id : found) {
            if (truth.contains(id)) {
                hits++;
            }
        }
        return hits;
    }

    private static int hits(Set<Long> truth, List<Neighbor> found) {
        int hits = 0;
        for (Neighbor n : found) {
            if (truth.contains(n.id())) {
                hits++;
            }
        }
        return hits;
    }
}
