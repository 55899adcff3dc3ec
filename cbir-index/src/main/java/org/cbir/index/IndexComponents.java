package org.cbir.index;

import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.index.graph.GraphIndex;
import org.cbir.index.lsh.LshForest;
import org.cbir.index.pca.Pca;

/**
 * Restores the components that {@code cbir-index} defines from their specs: the {@link Pca}
 * recipe ({@code "pca"}), the {@link LshForest} index factory ({@code "lsh-forest"}) and the
 * {@link GraphIndex} factory ({@code "graph"}).
 * Registered in {@code META-INF/services}; the pipeline then loads a fitted PCA with the
 * recipe's {@link org.cbir.core.Reducer#load} and an index with the factory's
 * {@link org.cbir.core.IndexFactory#load}. Stateless and thread-safe.
 */
public final class IndexComponents implements ComponentProvider {

    @Override
    public Set<String> types() {
        return Set.of(Pca.TYPE, LshForest.TYPE, GraphIndex.TYPE);
    }

    /** The recipe or factory of {@code spec}; {@code state} is not needed (their {@code load} reads it). */
    @Override
    public Object restore(ComponentSpec spec, Path state) {
        return switch (spec.type()) {
            case Pca.TYPE -> Pca.fromSpec(spec);
            case LshForest.TYPE -> LshForest.fromSpec(spec);
            case GraphIndex.TYPE -> GraphIndex.fromSpec(spec);
            default -> throw new IllegalArgumentException("not a cbir-index component: '" + spec.type() + "'");
        };
    }
}
