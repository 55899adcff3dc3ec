/**
 * A graph index for large collections on JVector: {@link org.cbir.index.graph.NeighborGraph} is
 * the configured {@link org.cbir.core.IndexFactory} (Vamana graph with an HNSW-style hierarchy),
 * {@link org.cbir.index.graph.NeighborGraphIndex} the index, with incremental additions and removals,
 * a per-query search beam, and a checksummed file that reloads without rebuilding the graph.
 */
package org.cbir.index.graph;
