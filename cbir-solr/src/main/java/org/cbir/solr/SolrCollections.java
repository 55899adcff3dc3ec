package org.cbir.solr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.ConfigSetAdminResponse;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.ContentStreamBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and describes cbir collections on a SolrCloud cluster. A collection uses the configset
 * {@value #CONFIGSET} shipped in this module ({@code org/cbir/solr/configset/}: {@code schema.xml},
 * {@code solrconfig.xml}), uploaded through the Configsets API the first time; its vector length
 * and Solr similarity function are collection properties ({@code cbir.dimension},
 * {@code cbir.similarity}), so one configset serves collections of any dimension. Stateless.
 */
public final class SolrCollections {
    /** The name under which the configset is uploaded. */
    public static final String CONFIGSET = "cbir";
    /** The files of the configset, under {@code org/cbir/solr/configset/} on the class path. */
    public static final List<String> CONFIGSET_FILES = List.of("schema.xml", "solrconfig.xml");
    static final String VECTOR_TYPE = "cbir_vector";
    private static final Logger LOG = LoggerFactory.getLogger(SolrCollections.class);

    private SolrCollections() {
    }

    /** How a collection is laid out: its vectors and its shards. */
    public record Layout(int dimension, SolrVectorFunction function, int shards, int replicas) {
        /** @throws IllegalArgumentException if a count is not positive or the dimension exceeds Lucene's 1,024 */
        public Layout {
            if (dimension < 1 || dimension > 1024) {
                throw new IllegalArgumentException("vector dimension must be 1 to 1024 (Lucene's HNSW limit; reduce with"
                        + " PCA first), got " + dimension);
            }
            if (shards < 1 || replicas < 1) {
                throw new IllegalArgumentException("shards and replicas must be at least 1, got " + shards + " and "
                        + replicas);
            }
            Objects.requireNonNull(function, "function");
        }
    }

    /**
     * Creates {@code target}'s collection with {@code layout} on a running SolrCloud, uploading the
     * configset first when the cluster lacks it, and waits until every replica is active.
     *
     * @throws SolrIndexException naming the collection and hosts if the collection exists already
     *     (it is never replaced) or the cluster refuses
     */
    public static void create(SolrTarget target, Layout layout) {
        try (CloudSolrClient client = target.openClient()) {
            if (CollectionAdminRequest.listCollections(client).contains(target.collection())) {
                throw new SolrIndexException(target, "the collection exists already; cbir never replaces a collection"
                        + " (delete it with Solr's Collections API if it is yours to delete)");
            }
            uploadConfigsetIfAbsent(client, target);
            CollectionAdminRequest.Create create = CollectionAdminRequest
                    .createCollection(target.collection(), CONFIGSET, layout.shards(), layout.replicas())
                    .withProperty("cbir.dimension", String.valueOf(layout.dimension()))
                    .withProperty("cbir.similarity", layout.function().solrName());
            create.setWaitForFinalState(true);
            create.process(client);
            LOG.info("created {} with {} shards x {} replicas, {} vectors of dimension {}", target, layout.shards(),
                    layout.replicas(), layout.function().solrName(), layout.dimension());
        } catch (SolrServerException | IOException | SolrException e) {
            throw new SolrIndexException(target, "cannot create the collection", e);
        } catch (RuntimeException e) {
            throw e instanceof SolrIndexException ? e : new SolrIndexException(target, "cannot create the collection", e);
        }
    }

    /**
     * The vector length and similarity function of {@code target}'s collection, read from its schema.
     *
     * @throws SolrIndexException naming the collection and hosts if it does not exist, is not a
     *     cbir collection, or does not answer
     */
    static Map.Entry<Integer, SolrVectorFunction> vectorsOf(CloudSolrClient client, SolrTarget target) {
        try {
            if (!CollectionAdminRequest.listCollections(client).contains(target.collection())) {
                throw new SolrIndexException(target, "no such collection; create it with SolrCollections.create"
                        + " or `cbir solr create`");
            }
            Map<String, Object> type = new SchemaRequest.FieldType(VECTOR_TYPE).process(client, target.collection())
                    .getFieldType().getAttributes();
            Object dimension = type.get("vectorDimension");
            Object function = type.get("similarityFunction");
            if (dimension == null) {
                throw new SolrIndexException(target, "not a cbir collection: its schema has no " + VECTOR_TYPE
                        + " field type with a vectorDimension");
            }
            return Map.entry(Integer.parseInt(dimension.toString()),
                    SolrVectorFunction.ofSolrName(function == null ? "euclidean" : function.toString()));
        } catch (SolrServerException | IOException | SolrException e) {
            throw new SolrIndexException(target, "cannot read the collection's schema", e);
        } catch (RuntimeException e) {
            throw e instanceof SolrIndexException ? e
                    : new SolrIndexException(target, "cannot reach the collection", e);
        }
    }

    private static void uploadConfigsetIfAbsent(CloudSolrClient client, SolrTarget target)
            throws SolrServerException, IOException {
        ConfigSetAdminResponse.List present = new ConfigSetAdminRequest.List().process(client);
        if (present.getConfigSets().contains(CONFIGSET)) {
            return;
        }
        ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
        upload.setConfigSetName(CONFIGSET);
        upload.setUploadStream(new ContentStreamBase.ByteArrayStream(configsetZip(), CONFIGSET + ".zip", "application/zip"));
        upload.process(client);
        LOG.info("uploaded the configset '{}' to {}", CONFIGSET, target.hosts());
    }

    /** The configset as a zip archive, as the Configsets API takes it. */
    static byte[] configsetZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : CONFIGSET_FILES) {
                zip.putNextEntry(new ZipEntry(name));
                try (InputStream in = SolrCollections.class.getResourceAsStream("configset/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the cbir-solr jar lacks configset/" + name);
                    }
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
