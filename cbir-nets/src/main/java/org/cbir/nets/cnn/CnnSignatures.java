package org.cbir.nets.cnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.InferenceNetwork;
import org.cbir.nets.internal.NetworkInput;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward pass from standardised input to L2-normalised embeddings, shared by training
 * (validation) and extraction. Inference mode: batch normalisation uses its running statistics,
 * folded into the convolutions ({@link InferenceNetwork}) unless
 * {@link InferenceNetwork#FOLD_PROPERTY} is {@code false}. Stateless; the network must not be
 * trained while a {@link Forward} made from it is in use.
 */
final class CnnSignatures {
    /** Images per forward pass; inference does not depend on it. */
    static final int BATCH = 256;

    private CnnSignatures() {
    }

    /** A forward pass from an NCHW batch to its embeddings {@code [n, dimension]}. */
    @FunctionalInterface
    interface Forward {
        INDArray embeddings(INDArray batch);
    }

    /**
     * The inference pass of {@code network} to layer {@code layer}: the {@link InferenceNetwork}
     * with batch normalisation folded in when {@code fold}, else Deeplearning4j's own layers.
     * The folded copy is made now and does not follow later training.
     */
    static Forward forward(MultiLayerNetwork network, int layer, boolean fold) {
        if (fold) {
            return InferenceNetwork.of(network, layer)::output;
        }
        return batch -> {
            List<INDArray> activations = network.feedForwardToLayer(layer, batch, false);
            return activations.get(activations.size() - 1);
        };
    }

    /** {@link #forward(MultiLayerNetwork, int, boolean)}, folding as {@link InferenceNetwork#foldingEnabled()} says. */
    static Forward forward(MultiLayerNetwork network, int layer) {
        return forward(network, layer, InferenceNetwork.foldingEnabled());
    }

    /**
     * The signatures of {@code images}, which must already be {@link NetworkInput#prepare prepared}
     * with the input's channels (any size: they are resized to the input, in parallel).
     *
     * @return one new array per image, in order, each of unit length (all zeros for a zero embedding)
     */
    static List<float[]> of(Forward forward, CnnInput input, List<Image> images) {
        List<float[]> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += BATCH) {
            int count = Math.min(BATCH, images.size() - from);
            float[] features = new float[count * input.size()];
            int start = from;
            IntStream.range(0, count).parallel().forEach(i -> input.write(
                    Objects.requireNonNull(images.get(start + i), "image " + (start + i)), features, i * input.size()));
            INDArray batch = Nd4j.create(features, new long[] {count, input.channels(), input.height(), input.width()}, 'c');
            out.addAll(rows(forward.embeddings(batch)));
        }
        return out;
    }

    /** The rows of an embedding batch {@code [n, dimension]}, each a new array of unit length (zeros stay zeros). */
    static List<float[]> rows(INDArray embedding) {
        int count = (int) embedding.size(0);
        int dimension = (int) embedding.size(1);
        float[] flat = embedding.dup('c').data().asFloat();
        List<float[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] row = new float[dimension];
            System.arraycopy(flat, i * dimension, row, 0, dimension);
            out.add(normalized(row));
        }
        return out;
    }

    /** {@code v} divided by its L2 norm, in place; a zero vector stays zero. */
    static float[] normalized(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        if (squares > 0) {
            float scale = (float) (1 / Math.sqrt(squares));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }
}
