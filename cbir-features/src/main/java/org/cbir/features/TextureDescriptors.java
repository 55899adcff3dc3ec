package org.cbir.features;

import org.cbir.features.glcm.GreyLevelCooccurrence;
import org.cbir.features.hog.HistogramOfOrientedGradients;
import org.cbir.features.lbp.LbpMethod;
import org.cbir.features.lbp.LocalBinaryPattern;

/**
 * Factory of the classic texture and gradient descriptors: grey-level co-occurrence (GLCM)
 * features, histograms of oriented gradients (HOG) and local binary patterns (LBP), each with
 * scikit-image's results. For other settings use the builders
 * ({@link GreyLevelCooccurrence#builder()}, {@link HistogramOfOrientedGradients#builder()},
 * {@link LocalBinaryPattern#builder()}). All returned extractors are immutable and thread-safe.
 */
public final class TextureDescriptors {
    private TextureDescriptors() {
    }

    /**
     * GLCM features as pyCBIR computed them: 256 grey levels, distance 1, the matrices of the
     * angles 0, 45, 90 and 135 degrees averaged; contrast, dissimilarity, homogeneity, energy,
     * correlation, ASM and entropy (7 features).
     */
    public static GreyLevelCooccurrence glcm() {
        return GreyLevelCooccurrence.builder().build();
    }

    /**
     * GLCM features with {@code levels} grey levels at the given distances (angles and
     * properties as {@link #glcm()}); 7 features per distance.
     */
    public static GreyLevelCooccurrence glcm(int levels, int... distances) {
        return GreyLevelCooccurrence.builder().levels(levels).distances(distances).build();
    }

    /**
     * HOG with scikit-image's defaults (9 orientations, 8x8-pixel cells, 3x3-cell blocks,
     * L2-Hys) on images resized to 64x64: 2916 features.
     */
    public static HistogramOfOrientedGradients hog() {
        return HistogramOfOrientedGradients.builder().build();
    }

    /** HOG with scikit-image's defaults on images resized to {@code width x height}. */
    public static HistogramOfOrientedGradients hog(int width, int height) {
        return HistogramOfOrientedGradients.builder().size(width, height).build();
    }

    /** Uniform LBP with 8 points on radius 1: 10 features. */
    public static LocalBinaryPattern lbp() {
        return LocalBinaryPattern.builder().build();
    }

    /** Uniform LBP with {@code points} points on radius {@code radius}: {@code points + 2} features. */
    public static LocalBinaryPattern lbp(int points, double radius) {
        return LocalBinaryPattern.builder().points(points).radius(radius).build();
    }

    /** LBP with {@code points} points on radius {@code radius} and the given method. */
    public static LocalBinaryPattern lbp(int points, double radius, LbpMethod method) {
        return LocalBinaryPattern.builder().points(points).radius(radius).method(method).build();
    }
}
