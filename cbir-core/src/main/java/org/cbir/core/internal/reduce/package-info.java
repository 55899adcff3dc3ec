/**
 * Transforms of signatures learned from a sample ({@link org.cbir.core.Reducer}s) that need
 * nothing beyond this module: {@link org.cbir.core.internal.reduce.ZScore} standardisation.
 */
package org.cbir.core.internal.reduce;
