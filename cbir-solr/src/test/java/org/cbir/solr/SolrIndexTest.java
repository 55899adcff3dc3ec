package org.cbir.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@link Index} behaviour of {@link SolrIndex} on a 2-node, 2-shard SolrCloud, against the exact scan. */
class SolrIndexTest {
    private static final long SEED = 17_2026L;
    private static final Similarity COSINE = Similarity.cosine();
    private static SolrTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SolrTestCluster.start("index");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    private static SolrIndex newIndex(String collection, int dimension) {
        SolrTarget target = cluster.target(collection);
        SolrCollections.create(target, new SolrCollections.Layout(dimension, SolrVectorFunction.COSINE, 2, 1));
        return SolrIndexFactory.of(target, new SolrOptions(8, 100, 2)).create(dimension, COSINE);
    }

    @Test
    void addContainsVectorRemoveAndSize() {
        try (SolrIndex index = newIndex("contract", 3)) {
            assertEquals(0, index.size());
            index.add(new ImageRecord(7, "a.png", "bcc", Map.of("run", "42")), new float[] {1, 2, 3});
            index.add(8, new float[] {3, 2, 1});
            assertTrue(index.contains(7), "a buffered document is visible");
            assertEquals(2, index.size());
            assertEquals(List.of(1f, 2f, 3f), boxed(index.vector(7).orElseThrow()));
            assertTrue(index.vector(9).isEmpty());
            assertFalse(index.contains(9));
            index.add(8, new float[] {0, 0, 1}); // refused when its batch is sent, by the next read
            IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, index::size);
            assertTrue(duplicate.getMessage().contains("[8]"), duplicate.getMessage());
            assertEquals(List.of(3f, 2f, 1f), boxed(index.vector(8).orElseThrow()), "the stored vector is kept");
            assertThrows(IllegalArgumentException.class, () -> {
                index.add(10, new float[] {1, 1, 1});
                index.add(10, new float[] {1, 1, 1});
            }, "an id twice in one batch is refused at once");
            assertTrue(index.remove(10));
            assertThrows(IllegalArgumentException.class, () -> index.add(9, new float[] {1, 2}));
            assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 2, 3}, 0));
            assertEquals(7L, index.search(new float[] {1, 2, 3}, 1).get(0).id());
            assertTrue(index.remove(7));
            assertFalse(index.remove(7));
            assertFalse(index.contains(7));
            assertEquals(1, index.size());
            assertEquals(List.of(8L), index.search(new float[] {1, 2, 3}, 5).stream().map(Neighbor::id).toList());
        }
    }

    @Test
    void searchesEqualTheExactScanOnTheSameVectorsWithFilters() {
        int n = 1_500;
        int dimension = 12;
        Random random = new Random(SEED);
        Index exact = IndexFactory.exact().create(dimension, COSINE);
        List<ImageRecord> records = new ArrayList<>();
        try (SolrIndex solr = newIndex("filters", dimension)) {
            for (int i = 0; i < n; i++) {
                float[] v = gaussian(random, dimension);
                ImageRecord r = new ImageRecord(i, "img" + i, i % 4 == 0 ? "bcc" : "fcc",
                        Map.of("run", String.valueOf(i % 7)));
                records.add(r);
                exact.add(r, v);
                solr.add(r, v);
            }
            assertEquals(n, solr.size());
            for (RecordFilter where : List.of(RecordFilter.label("bcc"), RecordFilter.where("run", "3"),
                    RecordFilter.label("fcc").and("run", "5"))) {
                Index.Filter filter = where.forIds(id -> records.get((int) id));
                for (int q = 0; q < 5; q++) {
                    float[] query = gaussian(random, dimension);
                    List<Neighbor> expected = exact.search(query, 10, filter);
                    List<Neighbor> found = solr.search(query, 10, filter);
                    assertTrue(found.stream().allMatch(nb -> where.test(records.get((int) nb.id()))), where.toString());
                    assertEquals(expected, found, "filter " + where + ", seed " + SEED);
                }
            }
        }
    }

    @Test
    void recallAgainstTheExactScanGrowsWithTheOverRequestFactor() {
        int n = 3_000;
        int dimension = 32;
        Random random = new Random(SEED + 1);
        SolrTarget target = cluster.target("recall");
        SolrCollections.create(target, new SolrCollections.Layout(dimension, SolrVectorFunction.COSINE, 2, 1));
        Index exact = IndexFactory.exact().create(dimension, COSINE);
        List<float[]> queries = new ArrayList<>();
        try (SolrIndex low = SolrIndexFactory.of(target, new SolrOptions(1, 500, 2)).create(dimension, COSINE)) {
            for (int i = 0; i < n; i++) {
                float[] v = gaussian(random, dimension);
                exact.add(i, v);
                low.add(i, v);
            }
            for (int q = 0; q < 50; q++) {
                queries.add(gaussian(random, dimension));
            }
            double recall1 = recall(exact, low, queries);
            try (SolrIndex high = (SolrIndex) SolrIndexFactory.of(target, new SolrOptions(10, 500, 2))
                    .load(StoreDirectory.local(savedReference(low)), COSINE)) {
                double recall10 = recall(exact, high, queries);
                assertTrue(recall10 >= 0.98, "recall@10 with over-request 10: " + recall10 + ", seed " + SEED);
                assertTrue(recall10 >= recall1, recall1 + " > " + recall10);
                // re-ranked distances are exactly the similarity's
                List<Neighbor> found = high.search(queries.get(0), 10);
                for (Neighbor nb : found) {
                    assertEquals(COSINE.distance(queries.get(0), exact.vector(nb.id()).orElseThrow()), nb.distance(), 0);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bulkWritersFromSeveralThreadsThenOneCommitEqualTheExactScan() throws Exception {
        int n = 1_200;
        int dimension = 8;
        Random random = new Random(SEED + 2);
        SolrTarget target = cluster.target("bulk");
        SolrCollections.create(target, new SolrCollections.Layout(dimension, SolrVectorFunction.COSINE, 2, 1));
        SolrIndexFactory factory = SolrIndexFactory.of(target, new SolrOptions(8, 50, 2, 2));
        Index exact = IndexFactory.exact().create(dimension, COSINE);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vectors.add(gaussian(random, dimension));
            exact.add(new ImageRecord(i, "img" + i, i % 3 == 0 ? "a" : "b"), vectors.get(i));
        }
        Thread[] writers = new Thread[3];
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < writers.length; w++) {
            int first = w * n / writers.length;
            int last = (w + 1) * n / writers.length;
            writers[w] = new Thread(() -> {
                try (SolrBulkWriter writer = SolrBulkWriter.open(factory, dimension)) {
                    for (int i = first; i < last; i++) {
                        writer.add(new ImageRecord(i, "img" + i, i % 3 == 0 ? "a" : "b"), vectors.get(i));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            writers[w].start();
        }
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(List.of(), failures);
        try (SolrBulkWriter again = SolrBulkWriter.open(factory, dimension)) { // a retried task: replaced, stored once
            for (int i = 0; i < 100; i++) {
                again.add(new ImageRecord(i, "img" + i, i % 3 == 0 ? "a" : "b"), vectors.get(i));
            }
        }
        assertEquals(n, SolrBulkWriter.commit(factory));
        assertThrows(SolrIndexException.class, () -> SolrBulkWriter.open(factory, dimension + 1));
        try (SolrIndex solr = factory.connect(dimension, COSINE)) {
            Index.Filter inA = RecordFilter.label("a").forIds(id -> new ImageRecord(id, "img" + id, id % 3 == 0 ? "a" : "b"));
            for (int q = 0; q < 10; q++) {
                float[] query = gaussian(random, dimension);
                assertEquals(exact.search(query, 10), solr.search(query, 10), "query " + q + ", seed " + SEED);
                assertEquals(exact.search(query, 10, inA), solr.search(query, 10, inA), "query " + q + " in label a");
            }
        }
    }

    @Test
    void aMissingCollectionIsNamedWithItsHost() {
        IndexFactory factory = SolrIndexFactory.of(cluster.target("no_such_collection"));
        SolrIndexException e = assertThrows(SolrIndexException.class, () -> factory.create(4, COSINE));
        assertTrue(e.getMessage().contains("'no_such_collection'") && e.getMessage().contains(cluster.solrUrls().get(0))
                && e.getMessage().contains("no such collection"), e.getMessage());
    }

    @Test
    void aDimensionMismatchOrANonEmptyCollectionIsRefused() {
        try (SolrIndex index = newIndex("taken", 4)) {
            index.add(1, new float[] {1, 0, 0, 0});
            assertEquals(1, index.size());
        }
        SolrIndexFactory factory = SolrIndexFactory.of(cluster.target("taken"));
        SolrIndexException wrongDimension = assertThrows(SolrIndexException.class, () -> factory.create(5, COSINE));
        assertTrue(wrongDimension.getMessage().contains("dimension 4"), wrongDimension.getMessage());
        SolrIndexException notEmpty = assertThrows(SolrIndexException.class, () -> factory.create(4, COSINE));
        assertTrue(notEmpty.getMessage().contains("already holds 1 documents"), notEmpty.getMessage());
        SolrIndexException exists = assertThrows(SolrIndexException.class, () -> SolrCollections.create(
                cluster.target("taken"), new SolrCollections.Layout(4, SolrVectorFunction.COSINE, 1, 1)));
        assertTrue(exists.getMessage().contains("exists already"), exists.getMessage());
    }

    @Test
    void aNodeThatDoesNotAnswerTimesOutWithAnErrorNamingCollectionAndHost() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, never answer
                    }
                } catch (IOException closed) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing a socket nobody reads
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/solr";
            SolrTarget target = SolrTarget.ofSolrUrl(url, "gisaxs").withRequestTimeout(Duration.ofMillis(500));
            SolrIndexException e = assertThrows(SolrIndexException.class,
                    () -> SolrIndexFactory.of(target, new SolrOptions(8, 100, 0)).create(4, COSINE));
            assertTrue(e.getMessage().contains("'gisaxs'") && e.getMessage().contains(url), e.getMessage());
        }
    }

    @Test
    void filterQueriesAreTermQueriesOnLabelAndMetadataFields() {
        assertEquals(List.of("{!term f=label}b c", "{!term f=meta_run}4}2"),
                SolrIndex.filterQueries(RecordFilter.label("b c").and("run", "4}2")));
    }

    private static java.nio.file.Path savedReference(SolrIndex index) throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("solr-ref");
        index.save(StoreDirectory.local(dir));
        return dir;
    }

    private static double recall(Index exact, Index approximate, List<float[]> queries) {
        int hits = 0;
        for (float[] q : queries) {
            Set<Long> truth = new HashSet<>();
            exact.search(q, 10).forEach(nb -> truth.add(nb.id()));
            for (Neighbor nb : approximate.search(q, 10)) {
                hits += truth.contains(nb.id()) ? 1 : 0;
            }
        }
        return hits / (10.0 * queries.size());
    }

    private static float[] gaussian(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            v[j] = (float) random.nextGaussian();
        }
        return v;
    }

    private static List<Float> boxed(float[] v) {
        List<Float> out = new ArrayList<>();
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}
