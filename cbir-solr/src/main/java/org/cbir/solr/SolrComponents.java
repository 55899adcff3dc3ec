package org.cbir.solr;

import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.spi.ComponentProvider;

/**
 * Restores the {@link SolrIndexFactory} ({@code "solr"}) of a saved pipeline from its spec, so
 * that {@code RetrievalPipeline.load} reconnects to the collection. Registered in
 * {@code META-INF/services}. Stateless and thread-safe.
 */
public final class SolrComponents implements ComponentProvider {

    @Override
    public Set<String> types() {
        return Set.of(SolrIndexFactory.TYPE);
    }

    @Override
    public Object restore(ComponentSpec spec, Path state) {
        if (!SolrIndexFactory.TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a cbir-solr component: '" + spec.type() + "'");
        }
        return SolrIndexFactory.fromSpec(spec);
    }
}
