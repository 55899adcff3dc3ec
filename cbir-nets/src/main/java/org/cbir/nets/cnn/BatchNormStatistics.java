package org.cbir.nets.cnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.InferenceNetwork;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Re-estimates the inference statistics of every batch normalisation of a {@link CnnNetwork} on
 * a set of plain (un-augmented) images, replacing the running averages that training keeps over
 * its augmented mini-batches ("precise batch normalisation", Wu and Johnson 2021). Layer by
 * layer, in order: the images run in inference mode through the network up to the
 * normalisation's input, with the statistics of the earlier normalisations already replaced, so
 * each layer gets the channel mean and population variance (over images, rows and columns) of
 * exactly the activations it sees at extraction. It is one forward pass over the images: their
 * activations at the current layer are kept (in batches of {@value #BATCH} images) and carried on
 * through the next segment of the network ({@link InferenceNetwork} over a range of layers, the
 * just re-estimated normalisation at its start as a per-channel scale and shift) once a layer's
 * statistics are set, so the pass ends with the activations of the last layer under the new
 * statistics, which the caller may use as the images' embeddings. Batch means and variances are
 * combined in double precision (Chan et al.'s pairwise update). Only the running mean and
 * variance change: the learned weights, scales and shifts are untouched, so neither are the
 * gradients of later training steps. Stateless.
 */
final class BatchNormStatistics {
    /** Images per batch of activations. */
    static final int BATCH = 256;

    private BatchNormStatistics() {
    }

    /**
     * Replaces the mean and variance of every batch normalisation up to layer {@code lastLayer}
     * with those of {@code images}' activations at its input.
     *
     * @param network the network whose statistics are replaced
     * @param lastLayer the last layer of the pass (inclusive)
     * @param input the network's input
     * @param images {@link org.cbir.nets.internal.NetworkInput#prepare prepared} images with the input's channels, at least one
     * @return the activations of layer {@code lastLayer} under the new statistics, one array per
     *     {@value #BATCH} images in order ({@code [count, ...]}), as the folded inference computes
     *     them to float rounding
     */
    static List<INDArray> reestimate(MultiLayerNetwork network, int lastLayer, CnnInput input, List<Image> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("re-estimating batch-normalisation statistics needs at least one image");
        }
        List<INDArray> activations = new ArrayList<>();
        for (int from = 0; from < images.size(); from += BATCH) {
            int count = Math.min(BATCH, images.size() - from);
            float[] features = new float[count * input.size()];
            int start = from;
            IntStream.range(0, count).parallel().forEach(i -> input.write(
                    Objects.requireNonNull(images.get(start + i), "image " + (start + i)), features, i * input.size()));
            activations.add(Nd4j.create(features, new long[] {count, input.channels(), input.height(), input.width()}, 'c'));
        }
        int next = 0; // the first layer not yet applied to the activations
        for (int j = 0; j <= lastLayer; j++) {
            org.deeplearning4j.nn.api.Layer layer = network.getLayer(j);
            if (!(layer.conf().getLayer() instanceof BatchNormalization b)) {
                continue;
            }
            if (j == 0) {
                throw new IllegalArgumentException("a batch normalisation as the first layer is not supported");
            }
            activations.replaceAll(InferenceNetwork.of(network, next, j - 1)::output);
            next = j;
            double[][] moments = moments(activations);
            double[] mean = moments[0];
            double[] variance = moments[1];
            float[] m = new float[mean.length];
            float[] v = new float[mean.length];
            for (int c = 0; c < mean.length; c++) {
                m[c] = (float) mean[c];
                // Deeplearning4j's inference reads var = (10^log10stdev)^2, then divides by sqrt(var + eps)
                v[c] = b.isUseLogStd() ? (float) (0.5 * Math.log10(Math.max(variance[c], Double.MIN_NORMAL)))
                        : (float) variance[c];
            }
            layer.setParam("mean", Nd4j.create(m, new long[] {1, m.length}, 'c'));
            layer.setParam(b.isUseLogStd() ? "log10stdev" : "var", Nd4j.create(v, new long[] {1, v.length}, 'c'));
        }
        if (next <= lastLayer) {
            activations.replaceAll(InferenceNetwork.of(network, next, lastLayer)::output);
        }
        return activations;
    }

    /**
     * The per-channel mean and population variance of {@code batches} ({@code [n, c, h, w]} or
     * {@code [n, c]} each) over all of them: {@code {mean, variance}}.
     */
    static double[][] moments(List<INDArray> batches) {
        double[] mean = null;
        double[] m2 = null;
        long n = 0;
        for (INDArray x : batches) {
            int[] axes = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
            long perChannel = x.length() / x.size(1);
            double[] batchMean = x.mean(axes).castTo(DataType.DOUBLE).toDoubleVector();
            double[] batchVariance = x.var(false, axes).castTo(DataType.DOUBLE).toDoubleVector();
            if (mean == null) {
                mean = new double[batchMean.length];
                m2 = new double[batchMean.length];
            }
            long total = n + perChannel;
            for (int c = 0; c < mean.length; c++) {
                double delta = batchMean[c] - mean[c];
                mean[c] += delta * perChannel / total;
                m2[c] += batchVariance[c] * perChannel + delta * delta * ((double) n * perChannel / total);
            }
            n = total;
        }
        double[] variance = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            variance[c] = m2[c] / n;
        }
        return new double[][] {mean, variance};
    }
}
