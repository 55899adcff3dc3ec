package org.cbir.core.reduce;

import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.spi.ComponentProvider;

/**
 * Restores the reducers of this package from their specs: {@value ZScore#TYPE}. It returns the
 * {@link org.cbir.core.Reducer} recipe; the fitted transform is read with
 * {@link org.cbir.core.Reducer#load}. Registered in {@code META-INF/services}; stateless.
 */
public final class ReduceComponents implements ComponentProvider {

    @Override
    public Set<String> types() {
        return Set.of(ZScore.TYPE);
    }

    /**
     * @throws IllegalArgumentException if the spec has parameters (z-score takes none)
     */
    @Override
    public Object restore(ComponentSpec spec, Path state) {
        if (!ZScore.TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("ReduceComponents does not know the type '" + spec.type() + "'");
        }
        if (!spec.parameters().isEmpty()) {
            throw new IllegalArgumentException("z-score takes no parameters, got " + spec.parameters().keySet());
        }
        return ZScore.standardisation();
    }
}
