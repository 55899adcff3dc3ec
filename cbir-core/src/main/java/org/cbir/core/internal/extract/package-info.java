/**
 * The extractors that need nothing beyond cbir-core: first-order intensity statistics and the
 * intensity histogram. The texture descriptors (GLCM, HOG, LBP, DAISY) live in
 * {@code cbir-features}, the networks in {@code cbir-nets}. Immutable and thread-safe.
 */
package org.cbir.core.internal.extract;
