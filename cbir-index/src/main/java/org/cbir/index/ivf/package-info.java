/**
 * The inverted-file indexes (Jegou et al. 2011). {@link org.cbir.index.ivf.InvertedFile}
 * ({@code ivf}: IVF-Flat) is the configured {@link org.cbir.core.IndexFactory} ({@code lists},
 * {@code probes}), {@link org.cbir.index.ivf.InvertedFileIndex} the index: a seeded k-means coarse
 * quantizer, lists of float vectors in core's tile layout, exact ranking of the candidates,
 * additions and removals without a rebuild, and one checksummed file.
 * {@link org.cbir.index.ivf.InvertedFilePq} ({@code ivf-pq}: IVF-ADC) and
 * {@link org.cbir.index.ivf.InvertedFilePqIndex} put product-quantizer codes of the residuals in
 * the lists instead (asymmetric distances, then an exact re-ranking from the floats kept beside).
 *
 * <p>Two registered types rather than one with a code option, as {@code exact} and
 * {@code exact-int8} are two: what a list holds decides the file format and the parameters that
 * mean anything ({@code m} and {@code rerank} do nothing for float lists), and the saved specs of
 * {@code ivf} stay as they were. What both share exists once: the coarse quantizer, its k-means
 * (which also learns the codebooks) and the choice of lists ({@code CoarseQuantizer}), the
 * training schedule's constants, the kernels' error bound, and core's {@code ExactRerank}.
 */
package org.cbir.index.ivf;
