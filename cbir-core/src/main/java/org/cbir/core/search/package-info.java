/**
 * Exact search: the cosine distance, the exact index (a scan of every stored vector) and what an
 * index of another module shares with it.
 *
 * <p>{@link org.cbir.core.search.ExactIndex} keeps its vectors in contiguous row blocks, on the
 * heap or memory-mapped from its saved file ({@link org.cbir.core.search.ExactIndexFactory#mapped()}),
 * and scores a query with the fast path of the similarity's {@link org.cbir.core.SimilarityKind}
 * (a float dot product of unit vectors for cosine, a float squared distance for Euclidean) up to a
 * proven rounding bound, then re-scores the survivors with
 * {@link org.cbir.core.Similarity#distance}: its results are the true nearest neighbours, ranked
 * by distance and then by ascending id, identical with the Vector API kernels and without them.
 * {@link org.cbir.core.search.IdRows} is the id map of every index of cbir (13 to 15.5 bytes per
 * vector). Searches run concurrently with additions and removals; see each class for its
 * thread-safety.
 */
package org.cbir.core.search;

import org.cbir.core.Similarity;
