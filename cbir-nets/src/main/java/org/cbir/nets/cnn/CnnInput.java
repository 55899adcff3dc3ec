package org.cbir.nets.cnn;

import java.util.List;
import java.util.Map;
import org.cbir.core.ComponentSpec;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.NetworkInput;

/**
 * What a trained {@link CnnExtractor}'s network reads, chosen from its training images: their
 * median size, shrunk (keeping the aspect ratio) so that no side exceeds
 * {@link CnnOptions#maxInputSize()}; three channels when any training image is colour, else one
 * (colour queries are then read as grey, grey ones replicated to colour); and the mean and
 * standard deviation of the training samples (in 0..1), which standardise every input. Recorded in
 * the trained extractor's spec. Immutable.
 *
 * @param width input width in pixels
 * @param height input height in pixels
 * @param channels 1 or 3
 * @param mean the mean sample of the training images
 * @param std their standard deviation, positive
 */
record CnnInput(int width, int height, int channels, double mean, double std) {

    /** @throws IllegalArgumentException naming the first invalid field */
    CnnInput {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("CNN input must be at least 1x1, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("CNN input channels must be 1 or 3, got " + channels);
        }
        if (!(std > 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("CNN input standardisation needs a finite mean and a positive std, got "
                    + mean + " and " + std);
        }
    }

    /** Values per image. */
    int size() {
        return channels * width * height;
    }

    /**
     * The input for these training images, as loaded ({@code raw}, for their channels) and
     * {@link NetworkInput#prepare prepared} (for their statistics).
     *
     * @throws IllegalArgumentException if the images are too small for the stages, or all constant
     */
    static CnnInput chosenFor(List<Image> raw, CnnOptions options, String what) {
        int[] widths = raw.stream().mapToInt(Image::width).sorted().toArray();
        int[] heights = raw.stream().mapToInt(Image::height).sorted().toArray();
        int w = widths[widths.length / 2];
        int h = heights[heights.length / 2];
        boolean stride2 = options.stemStride() == 2;
        int minimum = CnnOptions.minimumInputSize(options.stages()) * (stride2 ? 2 : 1);
        if (Math.min(w, h) < minimum) {
            throw new IllegalArgumentException(what + ": the training images are " + w + "x" + h
                    + " pixels (median), too small for a network of " + options.stages() + " stages"
                    + (stride2 ? " after a stride-2 stem" : "") + ", which needs at least " + minimum + "x" + minimum
                    + "; use fewer stages" + (stride2 ? ", stem stride 1" : "") + " or larger images");
        }
        double shrink = Math.min(1, (double) options.maxInputSize() / Math.max(w, h));
        int width = Math.max(minimum, (int) Math.round(w * shrink));
        int height = Math.max(minimum, (int) Math.round(h * shrink));
        int channels = raw.stream().anyMatch(i -> !i.isGrey()) ? 3 : 1;
        return new CnnInput(width, height, channels, 0, 1);
    }

    /** This input with the mean and standard deviation of the prepared training images. */
    CnnInput standardisedOn(List<Image> prepared, String what) {
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (Image image : prepared) {
            for (float v : image.samples()) {
                sum += v;
                squares += (double) v * v;
            }
            count += image.samples().length;
        }
        double mean = sum / count;
        double std = Math.sqrt(Math.max(0, squares / count - mean * mean));
        if (!(std > 1e-6)) {
            throw new IllegalArgumentException(what + ": every training image has the same constant value " + mean
                    + "; there is nothing to learn from");
        }
        return new CnnInput(width, height, channels, mean, std);
    }

    /**
     * Writes a prepared image (its channels already {@link #channels}), resized to the input and
     * standardised, into {@code target} from {@code offset} as {@code C x H x W} floats.
     */
    void write(Image prepared, float[] target, int offset) {
        NetworkInput.write(prepared, width, height, target, offset);
        float m = (float) mean;
        float scale = (float) (1 / std);
        int end = offset + size();
        for (int i = offset; i < end; i++) {
            target[i] = (target[i] - m) * scale;
        }
    }

    /** Adds the spec parameters of a trained extractor. */
    void addTo(Map<String, Object> parameters) {
        parameters.put("input-width", width);
        parameters.put("input-height", height);
        parameters.put("channels", channels);
        parameters.put("mean", CnnOptions.number(mean));
        parameters.put("std", CnnOptions.number(std));
    }

    /** The input a trained extractor's spec records, or null when it records none (untrained). */
    static CnnInput fromSpec(ComponentSpec spec) {
        if (!spec.parameters().containsKey("input-width")) {
            return null;
        }
        return new CnnInput(spec.requireInt("input-width"), spec.requireInt("input-height"), spec.requireInt("channels"),
                spec.requireDouble("mean"), spec.requireDouble("std"));
    }

    @Override
    public String toString() {
        return width + "x" + height + "x" + channels + " (mean " + mean + ", std " + std + ")";
    }
}
