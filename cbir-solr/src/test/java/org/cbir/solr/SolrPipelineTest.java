package org.cbir.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Match;
import org.cbir.core.QueryResult;
import org.cbir.core.RecordFilter;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.features.lbp.LocalBinaryPattern;
import org.cbir.metrics.Similarities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared GISAXS samples (4 x 500 database images, 8 queries) indexed through a pipeline whose
 * index is a 2-shard collection on a 2-node SolrCloud: every top-10 equals the single-machine
 * exact store's, for cosine and for chi-square on LBP histograms; stores saved on Solr reload,
 * and a saved exact store bulk-loads into a collection.
 */
class SolrPipelineTest {
    private static final int K = 10;
    private static SolrTestCluster cluster;
    private static ImageCollection database;
    private static List<Image> queries;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClusterAndReadSamples() throws Exception {
        String samples = System.getProperty("cbir.samples");
        Path gisaxs = Path.of(samples == null ? "../../shared/data/pycbir-samples" : samples).resolve("gisaxs");
        assumeTrue(Files.isDirectory(gisaxs), "GISAXS samples not found at " + gisaxs.toAbsolutePath());
        database = ImageCollection.fromFolder(gisaxs.resolve("database"));
        queries = new ArrayList<>();
        for (ImageEntry e : ImageCollection.fromFolder(gisaxs.resolve("query"))) {
            queries.add(e.load());
        }
        cluster = SolrTestCluster.start("pipeline");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static FeatureExtractor lbp() {
        return LocalBinaryPattern.builder().build();
    }

    private static RetrievalPipeline exact(Similarity similarity) {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(lbp()).similarity(similarity).threads(2)
                .build();
        pipeline.addAll(database);
        return pipeline;
    }

    private static SolrIndexFactory collection(String name, Similarity similarity, int replicas) {
        SolrTarget target = cluster.target(name);
        SolrCollections.create(target, new SolrCollections.Layout(lbp().dimension(),
                SolrVectorFunction.forSimilarity(similarity), 2, replicas));
        return SolrIndexFactory.of(target);
    }

    @Test
    void cosineTopTenEqualsTheExactStoreAndSurvivesSaveAndLoad() throws IOException {
        Similarity cosine = Similarity.cosine();
        RetrievalPipeline exact = exact(cosine);
        RetrievalPipeline solr = RetrievalPipeline.builder().extractor(lbp()).similarity(cosine).threads(2)
                .index(collection("gisaxs_cosine", cosine, 1)).build();
        assertEquals(2_000, solr.addAll(database).added());
        assertSameTopTen(exact, solr, RecordFilter.ALL);
        assertSameTopTen(exact, solr, RecordFilter.label("bcc"));

        Path store = dir.resolve("on-solr.cbir");
        solr.save(store);
        String manifest = Files.readString(store.resolve("manifest.txt"));
        assertTrue(manifest.contains("index.type = solr") && manifest.contains("index.param.collection = gisaxs_cosine"),
                manifest);
        try (var files = Files.list(store.resolve("index"))) {
            assertEquals(List.of(SolrIndexFile.FILE), files.map(p -> p.getFileName().toString()).toList(),
                    "the store refers to the collection and holds no vectors");
        }
        assertSameTopTen(exact, RetrievalPipeline.load(store), RecordFilter.ALL);
    }

    @Test
    void chiSquareOnLbpHistogramsEqualsTheExactStoreAfterABulkLoadOfItsSavedStore() throws IOException {
        Similarity chiSquare = Similarities.chiSquare();
        RetrievalPipeline exact = exact(chiSquare);
        Path saved = dir.resolve("exact.cbir");
        exact.save(saved);
        AtomicLong lastDone = new AtomicLong();
        RetrievalPipeline solr = SolrBulkLoader.load(saved, collection("gisaxs_chi2", chiSquare, 2),
                dir.resolve("chi2-on-solr.cbir"), (stage, done, total) -> lastDone.set(done));
        assertEquals(2_000, lastDone.get());
        assertEquals(2_000, solr.size());
        assertSameTopTen(exact, solr, RecordFilter.ALL);
        assertSameTopTen(exact, RetrievalPipeline.load(dir.resolve("chi2-on-solr.cbir")), RecordFilter.label("fcc100"));
        assertThrows(IllegalArgumentException.class, () -> SolrBulkLoader.load(saved,
                SolrIndexFactory.of(cluster.target("gisaxs_chi2")), saved, (s, d, t) -> { }),
                "an existing store is never overwritten");
        assertFalse(Files.exists(dir.resolve("chi2-on-solr.cbir").resolve("index").resolve("vectors.bin")));
    }

    private static void assertSameTopTen(RetrievalPipeline expected, RetrievalPipeline actual, RecordFilter where) {
        for (int q = 0; q < queries.size(); q++) {
            QueryResult e = expected.query(queries.get(q), K, where);
            QueryResult a = actual.query(queries.get(q), K, where);
            assertEquals(K, a.matches().size());
            assertEquals(summary(e), summary(a), "query " + q + ", filter " + where);
        }
    }

    private static List<String> summary(QueryResult result) {
        return result.matches().stream().map(SolrPipelineTest::line).toList();
    }

    private static String line(Match m) {
        return m.rank() + " " + m.path() + " " + m.label() + " " + m.distance();
    }
}
