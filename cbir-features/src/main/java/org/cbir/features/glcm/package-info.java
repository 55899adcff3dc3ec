/**
 * Grey-level co-occurrence matrix (GLCM) texture features (Haralick, Shanmugam and Dinstein,
 * IEEE Trans. SMC 3(6), 1973), reproducing scikit-image's {@code graycomatrix} and
 * {@code graycoprops}: {@link org.cbir.features.glcm.GreyLevelCooccurrence} with its
 * {@link org.cbir.features.glcm.GlcmProperty properties} and
 * {@link org.cbir.features.glcm.GlcmAggregation aggregations over angles}. Parity with
 * scikit-image 0.19 is tested against a fixture written by {@code tools/texture_reference.py}.
 */
package org.cbir.features.glcm;
