/**
 * Graphs over the stored signatures of an index: the k-nearest-neighbour graph
 * ({@link org.cbir.cluster.graph.KnnGraph}), built with one search per image so that it scales to
 * millions of images, and what is computed on it: near-duplicate groups
 * ({@link org.cbir.cluster.graph.NearDuplicates}); label propagation and density-based grouping use
 * it too.
 */
package org.cbir.cluster.graph;
