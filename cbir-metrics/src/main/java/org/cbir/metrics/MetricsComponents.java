package org.cbir.metrics;

import java.util.List;
import org.cbir.core.Similarity;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;

/**
 * The similarity types of {@code cbir-metrics}, restored by {@link Similarities#fromSpec}. Registered
 * in {@code META-INF/services/org.cbir.core.spi.ComponentProvider}, so a pipeline saved with, say,
 * {@code chi-square} reloads whenever {@code cbir-metrics} is on the class path.
 *
 * <p>{@code cosine} is not among its types: it belongs to {@code cbir-core}, which restores it
 * itself. Stateless and thread-safe.
 */
public final class MetricsComponents implements ComponentProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public MetricsComponents() {
    }

    @Override
    public List<ComponentType<?>> componentTypes() {
        return Similarities.names().stream()
                .filter(name -> !name.equals(Similarity.cosine().spec().type())) // core provides cosine
                .<ComponentType<?>>map(name -> ComponentType.similarity(name, (spec, context) -> Similarities.fromSpec(spec)))
                .toList();
    }
}
