package org.cbir.core.reduce;

import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Reducer;
import org.cbir.core.spi.ComponentProvider;

/**
 * Restores the reducers of this package from their specs: {@value ZScore#TYPE} and
 * {@value MinMaxScaling#TYPE}. It returns the {@link Reducer} recipe; the fitted transform is
 * read with {@link Reducer#load}. Registered in {@code META-INF/services}; stateless.
 */
public final class ReduceComponents implements ComponentProvider {

    @Override
    public Set<String> types() {
        return Set.of(ZScore.TYPE, MinMaxScaling.TYPE);
    }

    /**
     * @throws IllegalArgumentException if the type is not one of these or the spec has
     *     parameters (neither reducer takes any)
     */
    @Override
    public Object restore(ComponentSpec spec, Path state) {
        Reducer reducer = switch (spec.type()) {
            case ZScore.TYPE -> ZScore.standardisation();
            case MinMaxScaling.TYPE -> MinMaxScaling.toUnitRange();
            default -> throw new IllegalArgumentException("ReduceComponents does not know the type '" + spec.type() + "'");
        };
        if (!spec.parameters().isEmpty()) {
            throw new IllegalArgumentException(spec.type() + " takes no parameters, got " + spec.parameters().keySet());
        }
        return reducer;
    }
}
