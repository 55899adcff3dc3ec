package org.cbir.solr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;
import org.cbir.metrics.Similarities;
import org.cbir.testkit.IndexContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The {@link IndexContract} on {@link SolrIndex}: every test of the suite gets a new, empty
 * 2-shard collection on one 2-node SolrCloud started for the class. What a remote index answers
 * differently, said here rather than hidden:
 * <ul>
 *   <li>{@link #minimumRecall()} stays 1 (exact): on the contract's 600 vectors, over-request 8
 *       asks each shard's HNSW for 80 candidates, and the client's exact re-rank then returns the
 *       brute-force top 10, ties by id included; for cosine and for Euclidean distance (the
 *       collection ranks by Solr's matching function).</li>
 *   <li>{@code savesLocally()} stays true: a save writes only a checksummed reference to the
 *       collection ({@code collection.bin}); loading reconnects to the same collection, so the
 *       suite's save-and-load and corruption tests run as they are.</li>
 *   <li>Filtered search goes to Solr as a filter query on the label, which the suite's records
 *       carry (the suite adds each vector with its record for this).</li>
 * </ul>
 */
class SolrIndexContractTest {
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();
    private static SolrTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SolrTestCluster.start("contract");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    /** The suite on a new collection per test, ranked by {@code function}; closes what it opened. */
    abstract static class OnSolr extends IndexContract {
        private final List<SolrIndex> opened = new ArrayList<>();
        private Closing factory;

        abstract SolrVectorFunction function();

        @BeforeEach
        void newCollection() {
            SolrTarget target = cluster.target("contract_" + COLLECTIONS.incrementAndGet());
            SolrCollections.create(target, new SolrCollections.Layout(DIMENSION, function(), 2, 1));
            factory = new Closing(SolrIndexFactory.of(target, new SolrOptions(8, 100, 2)), opened);
        }

        @AfterEach
        void closeIndexes() {
            synchronized (opened) {
                opened.forEach(SolrIndex::close);
                opened.clear();
            }
        }

        @Override
        protected IndexFactory factory() {
            return factory;
        }

        @Override
        protected Index load(StoreDirectory directory) throws IOException {
            return factory.load(directory, similarity());
        }
    }

    @Nested
    class Cosine extends OnSolr {
        @Override
        SolrVectorFunction function() {
            return SolrVectorFunction.COSINE;
        }
    }

    @Nested
    class Euclidean extends OnSolr {
        @Override
        SolrVectorFunction function() {
            return SolrVectorFunction.EUCLIDEAN;
        }

        @Override
        protected Similarity similarity() {
            return Similarities.euclidean();
        }
    }

    /** A {@link SolrIndexFactory} that remembers the indexes it opens, so that each test closes its clients. */
    private record Closing(SolrIndexFactory solr, List<SolrIndex> opened) implements IndexFactory {
        @Override
        public ComponentSpec spec() {
            return solr.spec();
        }

        @Override
        public Index create(int dimension, Similarity similarity) {
            return remember(solr.create(dimension, similarity));
        }

        Index load(StoreDirectory directory, Similarity similarity) throws IOException {
            return remember((SolrIndex) solr.load(directory, similarity));
        }

        private SolrIndex remember(SolrIndex index) {
            synchronized (opened) {
                opened.add(index);
            }
            return index;
        }
    }
}
