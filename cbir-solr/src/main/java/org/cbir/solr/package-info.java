/**
 * Online search on a SolrCloud collection: {@link org.cbir.solr.SolrIndexFactory} gives a
 * pipeline an {@link org.cbir.core.Index} whose vectors, records and metadata live in a sharded,
 * replicated collection ({@link org.cbir.solr.SolrIndex}); {@link org.cbir.solr.SolrCollections}
 * creates such a collection from the configset shipped here; {@link org.cbir.solr.SolrBulkLoader}
 * moves a saved store into one.
 */
package org.cbir.solr;
