package org.cbir.nets.pretrained;

import org.cbir.nets.internal.NetworkInput;
import org.cbir.nets.lenet.LeNetOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.VGG16ImagePreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a network expects its input, applied to an NCHW batch of pixels in 0..255 (RGB for the
 * pretrained networks; grey or RGB for {@link #STANDARDISE}). Stateless and thread-safe.
 */
public enum ImagePreprocessing {
    /** ImageNet mean subtraction, Deeplearning4j's {@link VGG16ImagePreProcessor}: R - 123.68, G - 116.779, B - 103.939. */
    IMAGENET_MEAN,
    /** {@code x / 127.5 - 1}, to [-1, 1] (Keras's "tf" mode: Xception, NASNet), {@link ImagePreProcessingScaler}(-1, 1). */
    SCALE_MINUS_ONE_TO_ONE,
    /** {@code x / 255}, to [0, 1] (Darknet), {@link ImagePreProcessingScaler}(0, 1). */
    SCALE_ZERO_TO_ONE,
    /**
     * Each image to zero mean and unit variance over all its values ({@link NetworkInput#standardise}),
     * as a LeNet with {@link LeNetOptions#standardiseInput()} reads it; free of scale, so the same
     * for pixels in 0..1 or 0..255 (to float rounding).
     */
    STANDARDISE;

    /** Transforms {@code batch} (NCHW, RGB, 0..255) in place. */
    public void apply(INDArray batch) {
        switch (this) {
            case IMAGENET_MEAN -> new VGG16ImagePreProcessor().preProcess(batch);
            case SCALE_MINUS_ONE_TO_ONE -> new ImagePreProcessingScaler(-1, 1).transform(batch);
            case SCALE_ZERO_TO_ONE -> new ImagePreProcessingScaler(0, 1).transform(batch);
            case STANDARDISE -> standardise(batch);
            default -> throw new AssertionError(this);
        }
    }

    private static void standardise(INDArray batch) {
        long[] shape = batch.shape();
        int perImage = Math.toIntExact(batch.length() / shape[0]);
        float[] values = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int i = 0; i < shape[0]; i++) {
            NetworkInput.standardise(values, i * perImage, perImage);
        }
        batch.assign(Nd4j.create(values, shape, 'c'));
    }
}
