/**
 * The inverted-file index (IVF-Flat, Jegou et al. 2011): {@link org.cbir.index.ivf.InvertedFile}
 * is the configured {@link org.cbir.core.IndexFactory} ({@code lists}, {@code probes}),
 * {@link org.cbir.index.ivf.InvertedFileIndex} the index: a seeded k-means coarse quantizer,
 * lists of float vectors in core's tile layout, exact ranking of the candidates, additions and
 * removals without a rebuild, and one checksummed file.
 */
package org.cbir.index.ivf;
