/**
 * LSH Forest (Bawa, Condie and Ganesan, WWW 2005), an approximate nearest-neighbour index for
 * large collections: {@link org.cbir.index.lsh.LshForest} is the configured
 * {@link org.cbir.core.IndexFactory}, {@link org.cbir.index.lsh.LshForestIndex} the index.
 */
package org.cbir.index.lsh;
