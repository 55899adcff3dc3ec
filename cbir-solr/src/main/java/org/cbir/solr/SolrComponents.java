package org.cbir.solr;

import java.util.List;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;

/**
 * The index type of {@code cbir-solr}: the {@link SolrIndexFactory} ({@code "solr"}), restored
 * from its spec by {@link SolrIndexFactory#fromSpec}, so that {@code RetrievalPipeline.load}
 * reconnects to the collection. Registered in {@code META-INF/services}. Stateless and thread-safe.
 */
public final class SolrComponents implements ComponentProvider {

    @Override
    public List<ComponentType<?>> componentTypes() {
        return List.of(ComponentType.index(SolrIndexFactory.TYPE, (spec, context) -> SolrIndexFactory.fromSpec(spec)),
                ComponentType.savedIndex(SolrIndexFactory.TYPE, (spec, context) -> SolrIndexFactory.fromSpec(spec)
                        .load(context.requireState(spec), context.requireSimilarity(spec))));
    }
}
