package org.cbir.metrics;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.spi.ComponentProvider;

/**
 * Rebuilds the metrics of this module from the specs a saved pipeline recorded. Registered in
 * {@code META-INF/services/org.cbir.core.spi.ComponentProvider}, so a pipeline saved with, say,
 * {@code chi-square} reloads whenever {@code cbir-metrics} is on the class path.
 *
 * <p>{@code cosine} is not among its types: it belongs to {@code cbir-core}, which restores it
 * itself. Stateless and thread-safe.
 */
public final class MetricsComponentProvider implements ComponentProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public MetricsComponentProvider() {
    }

    @Override
    public Set<String> types() {
        Set<String> types = new LinkedHashSet<>(Metrics.names());
        types.remove("cosine");
        return Set.copyOf(types);
    }

    /**
     * The metric of {@code spec}; metrics keep no state, so {@code state} is ignored.
     *
     * @throws IllegalArgumentException if the type is not one of {@link #types()}, or a
     *     parameter is missing, unknown or invalid
     */
    @Override
    public Object restore(ComponentSpec spec, Path state) {
        if (!types().contains(spec.type())) {
            throw new IllegalArgumentException("cbir-metrics does not define the component type '"
                    + spec.type() + "'; it defines " + types());
        }
        return Metrics.fromSpec(spec);
    }
}
