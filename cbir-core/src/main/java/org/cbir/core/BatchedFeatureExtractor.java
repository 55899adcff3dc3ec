package org.cbir.core;

import java.util.List;
import org.cbir.core.image.Image;

/**
 * An extractor that describes many images faster together than one by one: a CNN runs one
 * forward pass over a batch and spreads it over the cores itself. The pipeline decodes a batch of
 * images on its worker threads, then hands the whole batch to {@link #extractAll} on one thread,
 * instead of calling {@link #extract} from every worker.
 */
public interface BatchedFeatureExtractor extends FeatureExtractor {

    /**
     * The signatures of {@code images}, in order: equal to calling {@link #extract} on each.
     *
     * @return one new array of length {@link #dimension()} per image, owned by the caller
     * @throws IllegalArgumentException if an image is unusable; the message names its position
     */
    List<float[]> extractAll(List<Image> images);
}
