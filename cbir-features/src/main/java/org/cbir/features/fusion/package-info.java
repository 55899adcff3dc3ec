/**
 * Fusion of signatures: {@link org.cbir.features.fusion.FusedExtractor} concatenates several
 * extractors' signatures, each normalised and weighted, so that CNN and classic descriptors can
 * be searched together.
 */
package org.cbir.features.fusion;
