package org.cbir.index;

import java.util.List;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.index.ivf.InvertedFile;
import org.cbir.index.lsh.LshForest;
import org.cbir.index.pca.Pca;
import org.cbir.index.quantized.Int8Scan;

/**
 * The component types of {@code cbir-index}: the {@link Pca} reducer recipe ({@code "pca"}), the
 * {@link LshForest} index factory ({@code "lsh-forest"}), the {@link NeighborGraph} factory
 * ({@code "graph"}), the {@link Int8Scan} factory ({@code "exact-int8"}) and the {@link InvertedFile}
 * factory ({@code "ivf"}), each parsed by its class's {@code fromSpec}. Registered in
 * {@code META-INF/services}; the pipeline then loads a fitted PCA with the recipe's
 * {@link org.cbir.core.Reducer#load} and an index with the factory's
 * {@link org.cbir.core.IndexFactory#load}. Stateless and thread-safe.
 */
public final class IndexComponents implements ComponentProvider {

    @Override
    public List<ComponentType<?>> componentTypes() {
        return List.of(
                ComponentType.reducer(Pca.TYPE, (spec, context) -> Pca.fromSpec(spec)),
                ComponentType.index(LshForest.TYPE, (spec, context) -> LshForest.fromSpec(spec)),
                ComponentType.index(NeighborGraph.TYPE, (spec, context) -> NeighborGraph.fromSpec(spec)),
                ComponentType.index(Int8Scan.TYPE, (spec, context) -> Int8Scan.fromSpec(spec)),
                ComponentType.index(InvertedFile.TYPE, (spec, context) -> InvertedFile.fromSpec(spec)));
    }
}
