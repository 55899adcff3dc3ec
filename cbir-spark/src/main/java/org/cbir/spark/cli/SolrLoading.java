package org.cbir.spark.cli;

import java.io.IOException;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.cbir.core.RetrievalPipeline;
import org.cbir.solr.SolrCollections;
import org.cbir.solr.SolrIndexFactory;
import org.cbir.solr.SolrOptions;
import org.cbir.solr.SolrTarget;
import org.cbir.solr.SolrVectorFunction;
import org.cbir.spark.PipelineBlueprint;
import org.cbir.spark.SignatureTable;
import org.cbir.spark.SolrTableLoader;

/** What {@link SolrLoadCommand} does with cbir-solr, kept apart so that only this class needs it loaded. */
final class SolrLoading {
    private SolrLoading() {
    }

    /** The command's options, as plain values. */
    record Request(String solrUrl, String zkHosts, String collection, boolean create, int shards, int replicas,
                   int batch, int updateThreads, int retries, int timeoutSeconds) {
    }

    /** What was loaded where. */
    record Loaded(long rows, String target) {
    }

    static Loaded load(SparkSession spark, String table, Request request) throws IOException {
        SolrTarget target = (request.solrUrl() != null ? SolrTarget.ofSolrUrl(request.solrUrl(), request.collection())
                : SolrTarget.ofZooKeeper(request.zkHosts(), request.collection()))
                .withRequestTimeout(Duration.ofSeconds(request.timeoutSeconds()));
        SolrIndexFactory factory = SolrIndexFactory.of(target, new SolrOptions(SolrOptions.DEFAULTS.overRequest(),
                request.batch(), request.retries(), request.updateThreads()));
        PipelineBlueprint blueprint = SignatureTable.blueprint(spark, table);
        if (request.create()) {
            RetrievalPipeline pipeline = blueprint.restore();
            SolrCollections.create(target, new SolrCollections.Layout(pipeline.dimension(),
                    SolrVectorFunction.forSimilarity(pipeline.similarity()), request.shards(), request.replicas()));
        }
        long rows = SolrTableLoader.load(SignatureTable.read(spark, table), blueprint, factory);
        return new Loaded(rows, target.toString());
    }
}
