/**
 * cbir-index: reducers and approximate indexes for large collections. {@link org.cbir.index.pca}
 * holds principal component analysis ({@link org.cbir.index.pca.Pca}), {@link org.cbir.index.lsh}
 * the LSH Forest index ({@link org.cbir.index.lsh.LshForest}), {@link org.cbir.index.graph} the
 * graph index on JVector ({@link org.cbir.index.graph.NeighborGraph}); {@link IndexComponents}
 * restores them from a saved pipeline's manifest, and {@code org.cbir.index.quantized} holds the
 * int8 scan ({@link org.cbir.index.quantized.Int8Scan}).
 *
 * <p>One naming scheme: the recipe {@code Xxx} (an {@link org.cbir.core.IndexFactory}: parameters,
 * spec, create, load) builds an {@code XxxIndex}. Every index extends core's
 * {@code GuardedIndex} (package {@code org.cbir.core.internal.index}: the lock, the accessors and
 * the duplicate checks) and keeps its vectors and ids in core's {@code VectorStore}, so a new
 * index holds only its own search, layout and file.
 */
package org.cbir.index;
