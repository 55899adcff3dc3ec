package org.cbir.solr;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * Makes {@link SolrIndex}es on one SolrCloud collection: what a pipeline needs to search a
 * sharded, replicated collection instead of its own memory.
 *
 * <pre>{@code
 * SolrTarget target = SolrTarget.ofZooKeeper("zk1:2181,zk2:2181/solr", "gisaxs");
 * SolrCollections.create(target, new SolrCollections.Layout(64, SolrVectorFunction.COSINE, 2, 2));
 * RetrievalPipeline pipeline = RetrievalPipeline.builder()
 *         .extractor(extractor)
 *         .index(SolrIndexFactory.of(target))      // the one line that changes
 *         .build();
 * }</pre>
 *
 * <p>A saved pipeline's manifest records the target and the options ({@code index.type = solr},
 * {@code index.param.collection}, {@code index.param.solr-urls} or {@code index.param.zk-hosts},
 * ...); its {@code index/} directory holds only a reference to the collection
 * ({@code SolrIndexFile}). {@link #create} needs an existing, empty collection of the pipeline's
 * dimension, so that a new pipeline never mixes its images with others; {@link #load}
 * reconnects to the collection that the saved pipeline filled. Immutable and thread-safe.
 */
public final class SolrIndexFactory implements IndexFactory {
    /** The component type in specs. */
    public static final String TYPE = "solr";

    private final SolrTarget target;
    private final SolrOptions options;

    private SolrIndexFactory(SolrTarget target, SolrOptions options) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Indexes on {@code target} with the {@linkplain SolrOptions#DEFAULTS default options}. */
    public static SolrIndexFactory of(SolrTarget target) {
        return new SolrIndexFactory(target, SolrOptions.DEFAULTS);
    }

    /** Indexes on {@code target} with {@code options}. */
    public static SolrIndexFactory of(SolrTarget target, SolrOptions options) {
        return new SolrIndexFactory(target, options);
    }

    public SolrTarget target() {
        return target;
    }

    public SolrOptions options() {
        return options;
    }

    @Override
    public ComponentSpec spec() {
        return spec(target, options);
    }

    static ComponentSpec spec(SolrTarget target, SolrOptions options) {
        Map<String, String> p = new TreeMap<>();
        p.put("collection", target.collection());
        if (target.solrUrls().isEmpty()) {
            p.put("zk-hosts", String.join(",", target.zkHosts()) + (target.zkChroot() == null ? "" : target.zkChroot()));
        } else {
            p.put("solr-urls", String.join(",", target.solrUrls()));
        }
        p.put("connect-timeout-ms", String.valueOf(target.connectTimeout().toMillis()));
        p.put("request-timeout-ms", String.valueOf(target.requestTimeout().toMillis()));
        p.put("over-request", String.valueOf(options.overRequest()));
        p.put("batch-size", String.valueOf(options.batchSize()));
        p.put("retries", String.valueOf(options.retries()));
        p.put("update-threads", String.valueOf(options.updateThreads()));
        return new ComponentSpec(TYPE, p);
    }

    /**
     * The factory a spec describes (a saved manifest's {@code index.*} entries).
     *
     * @throws IllegalArgumentException naming the parameter that is missing or invalid
     */
    public static SolrIndexFactory fromSpec(ComponentSpec spec) {
        String collection = spec.require("collection");
        String urls = spec.parameters().get("solr-urls");
        SolrTarget base = urls != null ? new SolrTarget(split(urls), List.of(), null, collection,
                SolrTarget.DEFAULT_CONNECT_TIMEOUT, SolrTarget.DEFAULT_REQUEST_TIMEOUT)
                : SolrTarget.ofZooKeeper(spec.require("zk-hosts"), collection);
        SolrTarget target = new SolrTarget(base.solrUrls(), base.zkHosts(), base.zkChroot(), collection,
                Duration.ofMillis(spec.requireInt("connect-timeout-ms")),
                Duration.ofMillis(spec.requireInt("request-timeout-ms")));
        String threads = spec.parameters().get("update-threads"); // absent from stores saved before it existed
        return new SolrIndexFactory(target, new SolrOptions(spec.requireInt("over-request"),
                spec.requireInt("batch-size"), spec.requireInt("retries"),
                threads == null ? SolrOptions.DEFAULT_UPDATE_THREADS : spec.requireInt("update-threads")));
    }

    /**
     * {@inheritDoc}
     *
     * @throws SolrIndexException naming the collection and hosts if it is missing, holds vectors
     *     of another dimension, or already holds documents
     */
    @Override
    public SolrIndex create(int dimension, Similarity similarity) {
        SolrIndex index = SolrIndex.open(target, options, dimension, similarity);
        int present = index.size();
        if (present > 0) {
            index.close();
            throw new SolrIndexException(target, "the collection already holds " + present + " documents; a new"
                    + " pipeline needs an empty one (load the saved pipeline that filled it, or create another)");
        }
        return index;
    }

    /**
     * An index on the collection as it is, empty or not: for a second reader of a collection
     * that a pipeline filled (searches return the documents' ids; their records are in that
     * pipeline's store), or for benchmarks.
     *
     * @throws SolrIndexException naming the collection and hosts if it is missing or holds
     *     vectors of another dimension
     */
    public SolrIndex connect(int dimension, Similarity similarity) {
        return SolrIndex.open(target, options, dimension, similarity);
    }

    /**
     * The index that {@link SolrIndex#save} wrote (its collection reference): reconnects to the
     * collection; the pipeline's load then checks that it holds every saved image. The saved-index
     * restorer that {@link SolrComponents} registers.
     *
     * @throws CorruptFileException if the saved reference names another collection
     */
    public Index load(StoreDirectory directory, Similarity similarity) throws IOException {
        SolrIndexFile.Saved saved = SolrIndexFile.read(directory);
        if (!saved.collection().equals(target.collection())) {
            throw new CorruptFileException(directory.location(SolrIndexFile.FILE), "refers to collection '"
                    + saved.collection() + "' but the manifest to '" + target.collection() + "'");
        }
        return SolrIndex.open(target, options, saved.dimension(), similarity);
    }

    @Override
    public String toString() {
        return "solr(" + target + ", over-request " + options.overRequest() + ")";
    }

    static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
