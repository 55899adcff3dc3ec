package org.cbir.nets.pretrained;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.SignatureRows;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The signature arithmetic of the graph extractors (pretrained and fine-tuned): a layer's
 * activations for a batch, averaged over space when they have a spatial extent (one value per
 * channel), and the batched extraction loop. A static utility;
 * callers serialise forward passes (or pass their lock).
 */
final class GraphSignatures {
    private GraphSignatures() {
    }

    /**
     * The signature length of {@code layer} of {@code network} for input of {@code format}: the
     * channels of a convolutional activation, else its flattened size.
     */
    static int dimension(ComputationGraph network, NetworkInputFormat format, String layer) {
        InputType type = network.getConfiguration().getLayerActivationTypes(
                InputType.convolutional(format.height(), format.width(), format.channels())).get(layer);
        return Math.toIntExact(type instanceof InputType.InputTypeConvolutional c ? c.getChannels()
                : type.arrayElementsPerExample());
    }

    /**
     * The signatures of {@code images}: one forward pass per {@code batchSize} images, each under
     * {@code lock}, images converted by {@code format} outside it.
     *
     * @return one new array of {@code dimension} values per image, in order, owned by the caller
     */
    static List<float[]> extractAll(ComputationGraph network, NetworkInputFormat format, String layer, int dimension,
            int batchSize, List<Image> images, Lock lock) {
        Objects.requireNonNull(images, "images");
        List<float[]> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            int count = Math.min(batchSize, images.size() - from);
            INDArray batch = format.batch(images, from, count);
            float[] activations;
            lock.lock();
            try {
                activations = activations(network, batch, layer, count, dimension);
            } finally {
                lock.unlock();
            }
            SignatureRows.addRows(activations, count, dimension, out);
        }
        return out;
    }

    /**
     * The activations of {@code layer} of {@code network} for an NCHW {@code batch} of {@code count}
     * images, spatially averaged if the layer is convolutional, as {@code count * dimension} floats.
     * Only what {@code layer} needs is computed, and no other layer's activations are kept.
     */
    static float[] activations(ComputationGraph network, INDArray batch, String layer, int count, int dimension) {
        INDArray a = network.output(List.of(layer), false, new INDArray[] {batch}, null)[0];
        if (a.rank() == 4) {
            a = a.mean(2, 3);
        }
        return SignatureRows.flat(a, count, dimension);
    }
}
