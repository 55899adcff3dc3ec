/**
 * Exact search: the cosine distance and the exact scan ({@link org.cbir.core.internal.search.ExactScan},
 * the recipe, building {@link org.cbir.core.internal.search.ExactScanIndex}es, which compare a query with
 * every stored vector).
 *
 * <p>{@link org.cbir.core.internal.search.ExactScanIndex} keeps its vectors in contiguous row blocks, on
 * the heap or memory-mapped from its saved file ({@link org.cbir.core.internal.search.ExactScan#load}),
 * and scores a query with the fast path of the similarity's {@link org.cbir.core.SimilarityKind}
 * (a float dot product of unit vectors for cosine, a float squared distance for Euclidean) up to a
 * proven rounding bound, then re-scores the survivors with
 * {@link org.cbir.core.Similarity#distance}: its results are the true nearest neighbours, ranked
 * by distance and then by ascending id, identical with the Vector API kernels and without them.
 * Like every index of cbir it is built on the foundation in {@code org.cbir.core.internal.index}
 * (the id map, the read view its scans read, the guarded accessors). Searches run concurrently
 * with additions and removals; see each class for its thread-safety.
 *
 * <p>Internal: not API, it may change in any release. Users reach these classes through
 * {@link org.cbir.core.IndexFactory#exact()} and {@link org.cbir.core.Similarity#cosine()}.
 */
package org.cbir.core.internal.search;

import org.cbir.core.Similarity;
