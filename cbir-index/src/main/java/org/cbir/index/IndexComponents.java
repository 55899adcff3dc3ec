package org.cbir.index;

import java.util.List;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.index.ivf.InvertedFile;
import org.cbir.index.ivf.InvertedFilePq;
import org.cbir.index.lsh.LshForest;
import org.cbir.index.pca.Pca;
import org.cbir.index.quantized.BinaryScan;
import org.cbir.index.quantized.Int8Scan;

/**
 * The component types of {@code cbir-index}: the {@link Pca} reducer recipe ({@code "pca"}), the
 * {@link LshForest} index factory ({@code "lsh-forest"}), the {@link NeighborGraph} factory
 * ({@code "graph"}), the {@link Int8Scan} factory ({@code "exact-int8"}), the
 * {@link BinaryScan} factory ({@code "exact-binary"}), the {@link InvertedFile}
 * factory ({@code "ivf"}) and the {@link InvertedFilePq} factory ({@code "ivf-pq"}), each parsed by its class's {@code fromSpec}. Registered in
 * {@code META-INF/services}, each with the restorer of its saved object (the fitted PCA, the
 * saved index), which the pipeline's load reaches through the registry, and the indexes with the
 * shorthands that command lines, the GUI and the benchmarks choose them by ({@code lsh[:TREES[:CANDIDATES]]},
 * {@code graph[:SEARCH-BEAM]}, {@code exact:int8[:RERANK]}, {@code exact:binary[:RERANK]}, {@code ivf[:LISTS[:PROBES]]},
 * {@code ivf:pq[:LISTS[:PROBES[:M[:RERANK]]]]}). Stateless and thread-safe.
 */
public final class IndexComponents implements ComponentProvider {

    @Override
    public List<ComponentType<?>> componentTypes() {
        return List.of(
                ComponentType.reducer(Pca.TYPE, (spec, context) -> Pca.fromSpec(spec)),
                ComponentType.fittedReducer(Pca.TYPE,
                        (spec, context) -> Pca.fromSpec(spec).load(context.requireState(spec))),
                ComponentType.index(LshForest.TYPE, (spec, context) -> LshForest.fromSpec(spec))
                        .withShorthand("lsh", LshForest.builder().build().spec(), "trees", "candidates"),
                ComponentType.savedIndex(LshForest.TYPE, (spec, context) -> LshForest.fromSpec(spec)
                        .load(context.requireState(spec), context.requireSimilarity(spec))),
                ComponentType.index(NeighborGraph.TYPE, (spec, context) -> NeighborGraph.fromSpec(spec))
                        .withShorthand("graph", NeighborGraph.builder().build().spec(), "search-beam"),
                ComponentType.savedIndex(NeighborGraph.TYPE, (spec, context) -> NeighborGraph.fromSpec(spec)
                        .load(context.requireState(spec), context.requireSimilarity(spec))),
                ComponentType.index(Int8Scan.TYPE, (spec, context) -> Int8Scan.fromSpec(spec))
                        .withShorthand("exact:int8", Int8Scan.withDefaults().spec(), "rerank"),
                ComponentType.savedIndex(Int8Scan.TYPE, (spec, context) -> Int8Scan.fromSpec(spec)
                        .load(context.requireState(spec), context.requireSimilarity(spec), context.mapFiles())),
                ComponentType.index(BinaryScan.TYPE, (spec, context) -> BinaryScan.fromSpec(spec))
                        .withShorthand("exact:binary", BinaryScan.withDefaults().spec(), "rerank"),
                ComponentType.savedIndex(BinaryScan.TYPE, (spec, context) -> BinaryScan.fromSpec(spec)
                        .load(context.requireState(spec), context.requireSimilarity(spec), context.mapFiles())),
                ComponentType.index(InvertedFile.TYPE, (spec, context) -> InvertedFile.fromSpec(spec))
                        .withShorthand("ivf", InvertedFile.builder().build().spec(), "lists", "probes"),
                ComponentType.savedIndex(InvertedFile.TYPE, (spec, context) -> InvertedFile.fromSpec(spec)
                        .load(context.requireState(spec), context.requireSimilarity(spec))),
                ComponentType.index(InvertedFilePq.TYPE, (spec, context) -> InvertedFilePq.fromSpec(spec))
                        .withShorthand("ivf:pq", InvertedFilePq.builder().build().spec(), "lists", "probes", "m", "rerank"),
                ComponentType.savedIndex(InvertedFilePq.TYPE, (spec, context) -> InvertedFilePq.fromSpec(spec)
                        .load(context.requireState(spec), context.requireSimilarity(spec))));
    }
}
