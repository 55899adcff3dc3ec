package org.cbir.solr;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;

/**
 * Where a cbir collection lives: the SolrCloud cluster, reached through the HTTP address of any of
 * its nodes or through its ZooKeeper ensemble, and the collection's name. Immutable; it opens
 * clients but holds none.
 *
 * @param solrUrls base URLs of Solr nodes ({@code http://host:8983/solr}); empty when
 *     {@code zkHosts} is used
 * @param zkHosts ZooKeeper {@code host:port} addresses; empty when {@code solrUrls} is used
 * @param zkChroot the ZooKeeper root of the cluster ({@code /solr}), or null for none
 * @param collection the collection's name
 * @param connectTimeout how long to wait for a connection to a node
 * @param requestTimeout how long to wait for any one answer before failing with an error that
 *     names the collection and the hosts
 */
public record SolrTarget(List<String> solrUrls, List<String> zkHosts, String zkChroot, String collection,
                         Duration connectTimeout, Duration requestTimeout) {
    /** The connection timeout when none is given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The request timeout when none is given. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @throws IllegalArgumentException unless exactly one of {@code solrUrls} and {@code zkHosts}
     *     is given, the collection name is a valid Solr name, and the timeouts are positive
     */
    public SolrTarget {
        solrUrls = List.copyOf(solrUrls);
        zkHosts = List.copyOf(zkHosts);
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (solrUrls.isEmpty() == zkHosts.isEmpty()) {
            throw new IllegalArgumentException("give either Solr URLs or ZooKeeper hosts, not "
                    + (solrUrls.isEmpty() ? "neither" : "both"));
        }
        if (!collection.matches("[A-Za-z0-9_][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("'" + collection
                    + "' is not a valid Solr collection name (letters, digits, '.', '_', '-')");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive, got " + connectTimeout + " and " + requestTimeout);
        }
    }

    /** The collection on the cluster whose nodes include {@code solrUrl}, with the default timeouts. */
    public static SolrTarget ofSolrUrl(String solrUrl, String collection) {
        return new SolrTarget(List.of(solrUrl), List.of(), null, collection, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * The collection on the cluster that the ZooKeeper ensemble {@code zkHosts} (comma-separated,
     * optionally followed by a chroot: {@code zk1:2181,zk2:2181/solr}) coordinates.
     */
    public static SolrTarget ofZooKeeper(String zkHosts, String collection) {
        int slash = zkHosts.indexOf('/');
        String hosts = slash < 0 ? zkHosts : zkHosts.substring(0, slash);
        String chroot = slash < 0 ? null : zkHosts.substring(slash);
        return new SolrTarget(List.of(), List.of(hosts.split(",")), chroot, collection, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT);
    }

    /** This target with another request timeout. */
    public SolrTarget withRequestTimeout(Duration timeout) {
        return new SolrTarget(solrUrls, zkHosts, zkChroot, collection, connectTimeout, timeout);
    }

    /** This target with another collection on the same cluster. */
    public SolrTarget withCollection(String name) {
        return new SolrTarget(solrUrls, zkHosts, zkChroot, name, connectTimeout, requestTimeout);
    }

    /** The hosts, as error messages name them: the Solr URLs or {@code zookeeper zk1:2181/solr}. */
    public String hosts() {
        return solrUrls.isEmpty()
                ? "zookeeper " + String.join(",", zkHosts) + (zkChroot == null ? "" : zkChroot)
                : String.join(",", solrUrls);
    }

    /** A new client of the cluster, defaulting to this collection; the caller closes it. */
    public CloudSolrClient openClient() {
        Http2SolrClient.Builder http = new Http2SolrClient.Builder()
                .withConnectionTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .withRequestTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        CloudHttp2SolrClient.Builder builder = solrUrls.isEmpty()
                ? new CloudHttp2SolrClient.Builder(zkHosts, Optional.ofNullable(zkChroot))
                        .withZkConnectTimeout((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                : new CloudHttp2SolrClient.Builder(solrUrls);
        return builder.withInternalClientBuilder(http).withDefaultCollection(collection).build();
    }

    @Override
    public String toString() {
        return "collection '" + collection + "' on " + hosts();
    }
}
