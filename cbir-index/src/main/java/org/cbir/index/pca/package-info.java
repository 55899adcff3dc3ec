/**
 * Principal component analysis as a {@link org.cbir.core.Reducer}: {@link org.cbir.index.pca.Pca}
 * is the recipe, {@link org.cbir.index.pca.FittedPca} the fitted, persistent transform.
 */
package org.cbir.index.pca;
