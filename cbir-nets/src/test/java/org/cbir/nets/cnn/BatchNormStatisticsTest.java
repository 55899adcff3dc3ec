package org.cbir.nets.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.NetworkInput;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Re-estimated batch-normalisation statistics are the channel means and population variances of
 * the activations each normalisation sees in Deeplearning4j's own inference pass over the images
 * (computed here in double precision from those activations), and re-estimating them changes
 * nothing that training learns.
 */
class BatchNormStatisticsTest {
    private static final CnnInput INPUT = new CnnInput(12, 10, 1, 0.45, 0.3);

    private static CnnOptions options() {
        return CnnOptions.builder().filters(3).stages(2).convolutions(2).embedding(6).seed(17).build();
    }

    @Test
    void theStatisticsAreTheMomentsOfEachNormalisationsInputOverTheImages() {
        CnnOptions options = options();
        MultiLayerNetwork network = new MultiLayerNetwork(CnnNetwork.configuration(options, INPUT, 2));
        network.init();
        InferenceNetworkTest.randomiseNormalisation(network, 3);
        // more images than one pass holds, so that batches are combined
        List<Image> images = InferenceNetworkTest.randomImages(BatchNormStatistics.BATCH + 45, 12, 10, 8).stream()
                .map(i -> NetworkInput.prepare(i, 1)).toList();
        int last = CnnNetwork.embeddingIndex(options);
        BatchNormStatistics.reestimate(network, last, INPUT, images);

        float[] features = new float[images.size() * INPUT.size()];
        for (int i = 0; i < images.size(); i++) {
            INPUT.write(images.get(i), features, i * INPUT.size());
        }
        INDArray all = Nd4j.create(features, new long[] {images.size(), 1, 10, 12}, 'c');
        int checked = 0;
        for (int j = 1; j <= last; j++) {
            if (!(network.getLayer(j).conf().getLayer() instanceof BatchNormalization)) {
                continue;
            }
            // Deeplearning4j's inference activations at the normalisation's input, earlier statistics already replaced
            INDArray x = network.feedForwardToLayer(j - 1, all, false).get(j).castTo(DataType.DOUBLE);
            long channels = x.size(1);
            double[] mean = new double[(int) channels];
            double[] variance = new double[(int) channels];
            for (int c = 0; c < channels; c++) {
                double[] values = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup().data().asDouble();
                double sum = 0;
                for (double v : values) {
                    sum += v;
                }
                mean[c] = sum / values.length;
                double squares = 0;
                for (double v : values) {
                    squares += (v - mean[c]) * (v - mean[c]);
                }
                variance[c] = squares / values.length;
                assertTrue(variance[c] > 1e-4, "layer " + j + " channel " + c + " varies");
            }
            double[] gotMean = network.getLayer(j).getParam("mean").castTo(DataType.DOUBLE).toDoubleVector();
            double[] gotVariance = network.getLayer(j).getParam("log10stdev").castTo(DataType.DOUBLE).toDoubleVector();
            for (int c = 0; c < channels; c++) {
                gotVariance[c] = Math.pow(100, gotVariance[c]);
                assertEquals(mean[c], gotMean[c], 1e-5 * Math.max(1, Math.abs(mean[c])), "layer " + j + " mean " + c);
                assertEquals(variance[c], gotVariance[c], 1e-4 * variance[c], "layer " + j + " variance " + c);
            }
            checked++;
        }
        assertEquals(4, checked, "two stages of two normalised convolutions");
    }

    @Test
    void thePassReturnsTheLastLayersActivationsUnderTheNewStatistics() {
        CnnOptions options = options();
        MultiLayerNetwork network = new MultiLayerNetwork(CnnNetwork.configuration(options, INPUT, 2));
        network.init();
        InferenceNetworkTest.randomiseNormalisation(network, 5);
        List<Image> images = InferenceNetworkTest.randomImages(BatchNormStatistics.BATCH + 7, 12, 10, 9).stream()
                .map(i -> NetworkInput.prepare(i, 1)).toList();
        int last = CnnNetwork.embeddingIndex(options);
        List<INDArray> returned = BatchNormStatistics.reestimate(network, last, INPUT, images);
        assertEquals(2, returned.size(), "one array per batch");
        assertEquals(BatchNormStatistics.BATCH, returned.get(0).size(0));
        assertEquals(7, returned.get(1).size(0));

        float[] features = new float[images.size() * INPUT.size()];
        for (int i = 0; i < images.size(); i++) {
            INPUT.write(images.get(i), features, i * INPUT.size());
        }
        // Deeplearning4j's own inference-mode layers with the statistics now in the network
        INDArray all = Nd4j.create(features, new long[] {images.size(), 1, 10, 12}, 'c');
        float[] expected = network.feedForwardToLayer(last, all, false).get(last + 1).dup('c').data().asFloat();
        float[] got = Nd4j.concat(0, returned.toArray(INDArray[]::new)).dup('c').data().asFloat();
        assertEquals(images.size() * options.embedding(), got.length);
        float largest = 0;
        for (float e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        assertTrue(largest > 0.05, "the activations are not trivially zero");
        assertArrayEquals(expected, got, 1e-4f * Math.max(1, largest));
    }

    @Test
    void reestimatingChangesNothingThatTrainingLearns() {
        CnnOptions options = options();
        MultiLayerNetwork a = new MultiLayerNetwork(CnnNetwork.configuration(options, INPUT, 2));
        a.init();
        MultiLayerNetwork b = a.clone();
        DataSet first = batch(1);
        DataSet second = batch(2);
        a.fit(first);
        b.fit(first);
        List<Image> images = InferenceNetworkTest.randomImages(20, 12, 10, 4).stream()
                .map(i -> NetworkInput.prepare(i, 1)).toList();
        BatchNormStatistics.reestimate(b, CnnNetwork.embeddingIndex(options), INPUT, images);
        assertTrue(!a.getLayer(1).getParam("mean").equals(b.getLayer(1).getParam("mean")), "the statistics changed");
        a.fit(second);
        b.fit(second);
        assertEquals(a.score(), b.score());
        for (int j = 0; j < a.getnLayers(); j++) {
            for (String name : a.getLayer(j).paramTable().keySet()) {
                if (name.equals("mean") || name.equals("log10stdev") || name.equals("var")) {
                    continue;
                }
                assertArrayEquals(a.getLayer(j).getParam(name).dup().data().asFloat(),
                        b.getLayer(j).getParam(name).dup().data().asFloat(), "layer " + j + " " + name);
            }
        }
    }

    private static DataSet batch(long seed) {
        Random random = new Random(seed);
        int rows = 8;
        float[] features = new float[rows * INPUT.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        float[] labels = new float[rows * 2];
        for (int r = 0; r < rows; r++) {
            labels[r * 2 + r % 2] = 1;
        }
        return new DataSet(Nd4j.create(features, new long[] {rows, 1, 10, 12}, 'c'),
                Nd4j.create(labels, new long[] {rows, 2}, 'c'));
    }
}
