package org.cbir.features.hog;

import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;

/**
 * Histograms of oriented gradients (HOG; Dalal and Triggs, "Histograms of oriented gradients
 * for human detection", CVPR 2005), with the results of scikit-image's
 * {@code hog(..., feature_vector=True)} (version 0.19: each pixel votes into one orientation
 * bin of its own cell, without interpolation; see {@link OrientationHistograms}).
 *
 * <p>The image is converted to grey ({@link Image#toGrey()}, BT.709 luminance for RGB) and
 * resized to the configured {@code width x height} ({@link Image#resize}: bilinear, pixel centres
 * aligned, no anti-aliasing), so that every image, of any size from 1x1 up, gives a signature of
 * the same {@link #dimension()}; images smaller than that size (the 16x16 fibre patches) are
 * up-scaled. Its intensities in 0..1 ({@link Image#greyIntensities()}) are, optionally,
 * square-rooted (power-law compression; negative intensities count as 0), then divided into
 * cells of {@code cellWidth x cellHeight} pixels with one {@code orientations}-bin histogram
 * each. Every position of a block of {@code blockWidth x blockHeight} cells, moved one cell at
 * a time, is normalised by the {@link BlockNormalization}; the signature lists the blocks
 * row by row, and within a block its cells row by row, each cell's bins in order:
 * {@code (cellsDown - blockHeight + 1) (cellsAcross - blockWidth + 1) blockHeight blockWidth
 * orientations} values, with {@code cellsAcross = width / cellWidth} and
 * {@code cellsDown = height / cellHeight}.
 *
 * <p>Unlike pyCBIR's own HOG, which raised gradient magnitudes to the power 5, magnitudes are
 * used as they are. Immutable and thread-safe; each call allocates its own buffers.
 */
public final class HistogramOfOrientedGradients implements FeatureExtractor {
    /** The {@link ComponentSpec} type. */
    public static final String TYPE = "hog";
    /** The largest resized side. */
    public static final int MAX_SIZE = 4096;

    private final int orientations;
    private final int cellWidth;
    private final int cellHeight;
    private final int blockWidth;
    private final int blockHeight;
    private final BlockNormalization normalization;
    private final boolean transformSqrt;
    private final int width;
    private final int height;
    private final int cellsAcross;
    private final int cellsDown;
    private final int dimension;
    private final ComponentSpec spec;

    private HistogramOfOrientedGradients(Builder b) {
        this.orientations = b.orientations;
        this.cellWidth = b.cellWidth;
        this.cellHeight = b.cellHeight;
        this.blockWidth = b.blockWidth;
        this.blockHeight = b.blockHeight;
        this.normalization = b.normalization;
        this.transformSqrt = b.transformSqrt;
        this.width = b.width;
        this.height = b.height;
        this.cellsAcross = width / cellWidth;
        this.cellsDown = height / cellHeight;
        this.dimension = (cellsDown - blockHeight + 1) * (cellsAcross - blockWidth + 1)
                * blockHeight * blockWidth * orientations;
        this.spec = ComponentSpec.of(TYPE,
                "orientations", orientations,
                "cell-width", cellWidth, "cell-height", cellHeight,
                "block-width", blockWidth, "block-height", blockHeight,
                "block-norm", normalization.specName(),
                "transform-sqrt", transformSqrt,
                "width", width, "height", height);
    }

    /** A builder with scikit-image's defaults on 64x64 images; see {@link Builder}. */
    /**
     * The extractor that {@link #spec()} describes: every parameter it writes is required.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or invalid
     */
    public static HistogramOfOrientedGradients fromSpec(ComponentSpec spec) {
        return builder()
                .orientations(spec.requireInt("orientations"))
                .pixelsPerCell(spec.requireInt("cell-width"), spec.requireInt("cell-height"))
                .cellsPerBlock(spec.requireInt("block-width"), spec.requireInt("block-height"))
                .blockNormalization(BlockNormalization.fromSpecName(spec.require("block-norm")))
                .transformSqrt(spec.requireBoolean("transform-sqrt"))
                .size(spec.requireInt("width"), spec.requireInt("height"))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ComponentSpec spec() {
        return spec;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        Image grey = image.toGrey().resize(width, height);
        float[] intensities = grey.greyIntensities();
        if (transformSqrt) {
            for (int i = 0; i < intensities.length; i++) {
                intensities[i] = (float) Math.sqrt(Math.max(0f, intensities[i]));
            }
        }
        double[] cells = OrientationHistograms.compute(intensities, width, height, cellWidth, cellHeight, orientations);
        float[] out = new float[dimension];
        double[] block = new double[blockHeight * blockWidth * orientations];
        int rowLength = cellsAcross * orientations;
        int cellLength = blockWidth * orientations;
        int k = 0;
        for (int by = 0; by + blockHeight <= cellsDown; by++) {
            for (int bx = 0; bx + blockWidth <= cellsAcross; bx++) {
                for (int r = 0; r < blockHeight; r++) {
                    System.arraycopy(cells, (by + r) * rowLength + bx * orientations, block, r * cellLength, cellLength);
                }
                normalization.normalise(block);
                for (double v : block) {
                    out[k++] = (float) v;
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return spec.toString();
    }

    /**
     * Options of a {@link HistogramOfOrientedGradients}, validated by {@link #build()}.
     * Defaults: scikit-image's (9 orientations, 8x8-pixel cells, 3x3-cell blocks, L2-Hys, no
     * square root) on images resized to 64x64, which gives 2916 features. Not thread-safe.
     */
    public static final class Builder {
        private int orientations = 9;
        private int cellWidth = 8;
        private int cellHeight = 8;
        private int blockWidth = 3;
        private int blockHeight = 3;
        private BlockNormalization normalization = BlockNormalization.L2_HYS;
        private boolean transformSqrt;
        private int width = 64;
        private int height = 64;

        private Builder() {
        }

        /** Orientation bins over 0..180 degrees (unsigned gradients), at least 1; more bins see finer angles. */
        public Builder orientations(int orientations) {
            this.orientations = orientations;
            return this;
        }

        /** Cell size in pixels; smaller cells localise the gradients more finely and lengthen the signature. */
        public Builder pixelsPerCell(int cellWidth, int cellHeight) {
            this.cellWidth = cellWidth;
            this.cellHeight = cellHeight;
            return this;
        }

        /** Block size in cells: the neighbourhood over which histograms are contrast-normalised. */
        public Builder cellsPerBlock(int blockWidth, int blockHeight) {
            this.blockWidth = blockWidth;
            this.blockHeight = blockHeight;
            return this;
        }

        /** The block normalisation. */
        public Builder blockNormalization(BlockNormalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /** Whether intensities are square-rooted first, which lessens the weight of bright regions. */
        public Builder transformSqrt(boolean transformSqrt) {
            this.transformSqrt = transformSqrt;
            return this;
        }

        /** The size every image is resized to (1..{@value #MAX_SIZE} per side); fixes the dimension. */
        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * The extractor.
         *
         * @throws IllegalArgumentException if a count or size is below 1, a side exceeds
         *     {@value #MAX_SIZE}, or the size holds fewer cells than one block
         */
        public HistogramOfOrientedGradients build() {
            requirePositive(orientations, "orientations");
            requirePositive(cellWidth, "cell width");
            requirePositive(cellHeight, "cell height");
            requirePositive(blockWidth, "block width");
            requirePositive(blockHeight, "block height");
            requirePositive(width, "width");
            requirePositive(height, "height");
            if (width > MAX_SIZE || height > MAX_SIZE) {
                throw new IllegalArgumentException("HOG size must be at most " + MAX_SIZE + " per side, got "
                        + width + "x" + height);
            }
            if (orientations > 360) {
                throw new IllegalArgumentException("HOG orientations must be at most 360, got " + orientations);
            }
            if (width / cellWidth < blockWidth || height / cellHeight < blockHeight) {
                throw new IllegalArgumentException("a " + width + "x" + height + " HOG image holds "
                        + (width / cellWidth) + "x" + (height / cellHeight) + " cells of " + cellWidth + "x"
                        + cellHeight + " pixels, fewer than one block of " + blockWidth + "x" + blockHeight
                        + " cells; enlarge the size or shrink cells or blocks");
            }
            return new HistogramOfOrientedGradients(this);
        }

        private static void requirePositive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException("HOG " + what + " must be at least 1, got " + value);
            }
        }
    }
}
