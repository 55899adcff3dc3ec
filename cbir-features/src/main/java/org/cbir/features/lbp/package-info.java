/**
 * Local binary pattern histograms (Ojala, Pietikainen and Maenpaa, IEEE TPAMI 24(7), 2002),
 * reproducing scikit-image 0.19's {@code local_binary_pattern} codes, sample positions and
 * bilinear interpolation: {@link org.cbir.features.lbp.LocalBinaryPattern} with the
 * {@link org.cbir.features.lbp.LbpMethod methods} default, ror, uniform, nri_uniform and var.
 * Parity is tested against a fixture written by {@code tools/texture_reference.py}.
 */
package org.cbir.features.lbp;
