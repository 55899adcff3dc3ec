/**
 * The numeric kernels under the exact scan and the reducers: dot products, norms and squared
 * distances over {@code float[]} in double or float accumulation, and the tile kernels that score
 * one query against blocks of rows ({@link org.cbir.core.internal.math.RowTiles}).
 *
 * <p>Three implementations of each kernel: the Vector API ({@code jdk.incubator.vector}, used when
 * the JVM runs with {@code --add-modules jdk.incubator.vector}) with 256-bit or with 512-bit
 * vectors, and plain loops, chosen once per JVM, one width for all kernels; the system property
 * {@code cbir.vectorization} ({@code auto}, {@code scalar}, {@code panama}, {@code 256},
 * {@code 512}) overrides the choice. All are tested for agreement, and the float kernels come
 * with the relative error bound ({@link org.cbir.core.internal.math.FloatKernels#relativeErrorBound}) that
 * lets a scan prune rows without changing its results. Stateless and thread-safe.
 *
 * <p>Internal: not API, exported only to the cbir modules that share these kernels; it may change
 * in any release.
 */
package org.cbir.core.internal.math;
