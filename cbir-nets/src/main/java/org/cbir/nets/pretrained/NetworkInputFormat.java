package org.cbir.nets.pretrained;

import java.util.List;
import java.util.Objects;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.NetworkInput;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a network reads and how images become it, with the conventions of
 * {@link PretrainedExtractor}: an image is converted to {@code channels} (grey, or RGB with grey
 * replicated), normalised to 0..1, brought to {@code width x height} by the {@link SmallImagePolicy},
 * scaled to 0..255 and transformed by the {@link ImagePreprocessing}. A LeNet, which reads 0..1,
 * is described with {@link ImagePreprocessing#SCALE_ZERO_TO_ONE}. Immutable and thread-safe.
 *
 * @param width input width in pixels
 * @param height input height in pixels
 * @param channels 1 (grey) or 3 (RGB)
 * @param preprocessing what the network expects of 0..255 pixels
 * @param policy how an image of another size is brought to the input size
 */
public record NetworkInputFormat(int width, int height, int channels, ImagePreprocessing preprocessing,
        SmallImagePolicy policy) {

    /** @throws IllegalArgumentException if a side is below 1 or the channels are not 1 or 3 */
    public NetworkInputFormat {
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(policy, "policy");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("network input must be at least 1x1, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("network input channels must be 1 or 3, got " + channels);
        }
    }

    /** Values per image: {@code channels * height * width}. */
    int size() {
        return channels * height * width;
    }

    /** The NCHW batch that the network reads for {@code images}; a new array. */
    INDArray batch(List<Image> images, int from, int count) {
        float[] input = new float[count * size()];
        for (int i = 0; i < count; i++) {
            Image image = Objects.requireNonNull(images.get(from + i), "image " + (from + i));
            NetworkInput.write(policy.fit(NetworkInput.prepare(image, channels), width, height), width, height, input,
                    i * size());
        }
        INDArray batch = Nd4j.create(input, new long[] {count, channels, height, width}, 'c');
        scale(batch);
        return batch;
    }

    /** Transforms an NCHW batch of 0..1 samples, in place, into what the network reads. */
    void scale(INDArray batch01) {
        batch01.muli(255);
        preprocessing.apply(batch01);
    }
}
