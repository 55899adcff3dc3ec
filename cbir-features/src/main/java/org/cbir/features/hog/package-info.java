/**
 * Histograms of oriented gradients (Dalal and Triggs, CVPR 2005), reproducing scikit-image 0.19's
 * {@code hog}: {@link org.cbir.features.hog.HistogramOfOrientedGradients} on images resized to
 * a fixed size, with the four {@link org.cbir.features.hog.BlockNormalization block
 * normalisations}. Parity is tested against a fixture written by {@code tools/texture_reference.py}.
 */
package org.cbir.features.hog;
