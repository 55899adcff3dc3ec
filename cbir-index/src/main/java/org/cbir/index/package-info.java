/**
 * cbir-index: reducers and approximate indexes for large collections. {@link org.cbir.index.pca}
 * holds principal component analysis ({@link org.cbir.index.pca.Pca}), {@link org.cbir.index.lsh}
 * the LSH Forest index ({@link org.cbir.index.lsh.LshForest}), {@link org.cbir.index.graph} the
 * graph index on JVector ({@link org.cbir.index.graph.NeighborGraph}); {@link IndexComponents}
 * restores them from a saved pipeline's manifest.
 */
package org.cbir.index;
