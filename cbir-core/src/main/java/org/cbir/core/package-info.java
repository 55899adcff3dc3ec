/**
 * The retrieval pipeline and the interfaces it is built from.
 *
 * <p>A {@link org.cbir.core.RetrievalPipeline} turns images into signatures with a
 * {@link org.cbir.core.FeatureExtractor}, optionally transforms them with a fitted
 * {@link org.cbir.core.Reducer}, stores them in an {@link org.cbir.core.Index}, and ranks them
 * by a {@link org.cbir.core.Similarity}, which is always a distance (smaller is closer). This
 * module depends on slf4j-api only: a user who adds just {@code cbir-core} and writes an
 * extractor gets a working pipeline with exact search and cosine distance.
 */
package org.cbir.core;
