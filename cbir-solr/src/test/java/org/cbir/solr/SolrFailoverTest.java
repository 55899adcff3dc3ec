package org.cbir.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.embedded.JettySolrRunner;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node of a 2-node SolrCloud stops while 1,000 queries run: with two replicas per shard none
 * fails and every answer equals the one given before the stop; a collection with one replica per
 * shard refuses to answer (never answers short) once a shard has no live replica.
 */
class SolrFailoverTest {
    private static final long SEED = 5_17L;
    private static final int DIMENSION = 16;
    private static final Similarity COSINE = Similarity.cosine();
    private static SolrTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SolrTestCluster.start("failover");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    private static SolrIndex filled(String name, int replicas, Random random) {
        SolrTarget target = cluster.target(name);
        SolrCollections.create(target, new SolrCollections.Layout(DIMENSION, SolrVectorFunction.COSINE, 2, replicas));
        SolrIndex index = SolrIndexFactory.of(target).create(DIMENSION, COSINE);
        for (int i = 0; i < 1_000; i++) {
            index.add(i, gaussian(random));
        }
        assertEquals(1_000, index.size());
        return index;
    }

    @Test
    void stoppingANodeDuringAThousandQueriesFailsNoneWithTwoReplicasAndRefusesWithOne() throws Exception {
        Random random = new Random(SEED);
        try (SolrIndex replicated = filled("replicated", 2, random);
                SolrIndex single = filled("single", 1, random)) {
            List<float[]> queries = new ArrayList<>();
            for (int q = 0; q < 1_000; q++) {
                queries.add(gaussian(random));
            }
            List<List<Neighbor>> before = new ArrayList<>();
            for (int q = 0; q < 50; q++) {
                before.add(replicated.search(queries.get(q), 10));
            }
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<Neighbor>>> answers = new ArrayList<>();
                for (float[] query : queries) {
                    answers.add(pool.submit(() -> {
                        List<Neighbor> found = replicated.search(query, 10);
                        done.incrementAndGet();
                        return found;
                    }));
                }
                while (done.get() < 200) {
                    Thread.sleep(5);
                }
                JettySolrRunner stopped = cluster.cluster().stopJettySolrRunner(1);
                cluster.cluster().waitForJettyToStop(stopped);
                int stoppedAt = done.get();
                for (int q = 0; q < answers.size(); q++) {
                    List<Neighbor> found = answers.get(q).get(); // a failed query throws here
                    assertEquals(10, found.size(), "query " + q);
                    if (q < before.size()) {
                        assertEquals(before.get(q), found, "query " + q + ", seed " + SEED);
                    }
                }
                assertTrue(stoppedAt < queries.size(), "the node stopped after all queries had run: " + stoppedAt);
            } finally {
                pool.shutdownNow();
            }
            for (int q = 0; q < before.size(); q++) {
                assertEquals(before.get(q), replicated.search(queries.get(q), 10), "after the stop, query " + q);
            }
            SolrIndexException refused = assertThrows(SolrIndexException.class, () -> single.search(queries.get(0), 10));
            assertTrue(refused.getMessage().contains("'single'"), refused.getMessage());
        }
    }

    private static float[] gaussian(Random random) {
        float[] v = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            v[j] = (float) random.nextGaussian();
        }
        return v;
    }
}
