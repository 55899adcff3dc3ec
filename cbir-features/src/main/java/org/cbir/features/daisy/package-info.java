/**
 * DAISY dense descriptors (Tola et al., IEEE PAMI 2010) with parity to scikit-image's
 * {@code skimage.feature.daisy}: {@link org.cbir.features.daisy.DaisyDescriptor} computes the
 * dense grid, {@link org.cbir.features.daisy.DaisyExtractor} pools it into a signature.
 */
package org.cbir.features.daisy;
