package org.cbir.nets.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.cbir.core.ProgressListener;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.nets.Stripes;
import org.cbir.nets.internal.InferenceNetwork;
import org.cbir.nets.internal.NetworkInput;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference network with batch normalisation folded into the convolutions gives
 * Deeplearning4j's inference-mode signatures to float rounding, on networks whose
 * normalisation statistics are set far from their initial 0 and 1, and the same rankings on a
 * trained extractor; the fold itself matches a hand-worked example.
 */
class InferenceNetworkTest {

    @ParameterizedTest
    @ValueSource(strings = {"supervised", "ssl", "two-convolutions-stride-2"})
    void foldedSignaturesEqualDeeplearning4jInference(String variant) {
        CnnOptions.Builder builder = variant.equals("ssl") ? CnnOptions.simclr() : CnnOptions.builder();
        builder.filters(4).stages(3).embedding(8).seed(11);
        if (variant.startsWith("two")) {
            builder.convolutions(2).stemStride(2);
        }
        CnnOptions options = builder.build();
        CnnInput input = new CnnInput(20, 18, 1, 0.4, 0.2);
        MultiLayerNetwork network = new MultiLayerNetwork(CnnNetwork.configuration(options, input, 3));
        network.init();
        randomiseNormalisation(network, 9);
        List<Image> images = prepared(randomImages(13, 20, 18, 21));
        int layer = CnnNetwork.embeddingIndex(options);
        List<float[]> plain = CnnSignatures.of(CnnSignatures.forward(network, layer, false), input, images);
        List<float[]> folded = CnnSignatures.of(CnnSignatures.forward(network, layer, true), input, images);
        assertEquals(images.size(), folded.size());
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(plain.get(i), folded.get(i), 1e-4f, variant + " image " + i);
            assertTrue(maxAbs(plain.get(i)) > 0.05, "signatures are not trivially zero");
        }
    }

    @Test
    void rangesOfLayersComposeToTheWholePass() {
        CnnOptions options = CnnOptions.builder().filters(4).stages(3).convolutions(2).embedding(8).seed(13).build();
        CnnInput input = new CnnInput(20, 18, 1, 0.4, 0.2);
        MultiLayerNetwork network = new MultiLayerNetwork(CnnNetwork.configuration(options, input, 3));
        network.init();
        randomiseNormalisation(network, 4);
        List<Image> images = prepared(randomImages(5, 20, 18, 22));
        float[] features = new float[images.size() * input.size()];
        for (int i = 0; i < images.size(); i++) {
            input.write(images.get(i), features, i * input.size());
        }
        org.nd4j.linalg.api.ndarray.INDArray batch = Nd4j.create(features, new long[] {images.size(), 1, 18, 20}, 'c');
        org.nd4j.linalg.api.ndarray.INDArray copy = batch.dup();
        int last = CnnNetwork.embeddingIndex(options);
        float[] whole = InferenceNetwork.of(network, last).output(batch).dup('c').data().asFloat();
        // cut before every batch normalisation (it then runs unfolded at the start of its range) and elsewhere
        for (int cut = 1; cut <= last; cut++) {
            org.nd4j.linalg.api.ndarray.INDArray head = InferenceNetwork.of(network, 0, cut - 1).output(batch);
            float[] split = InferenceNetwork.of(network, cut, last).output(head).dup('c').data().asFloat();
            assertArrayEquals(whole, split, 1e-4f, "cut before layer " + cut);
        }
        assertEquals(copy, batch, "the input is not modified");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InferenceNetwork.of(network, 3, 2));
        assertTrue(e.getMessage().contains("3 to 2"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InferenceNetwork.of(network, 0, network.getnLayers()));
    }

    @Test
    void aTrainedExtractorRanksTheSameFoldedAndUnfolded() {
        CnnExtractor trained = CompactCnn.of(CnnExtractorTest.tiny(CnnOptions.builder()).build())
                .fit(Stripes.collection(10, 41), ProgressListener.NONE);
        List<Image> raw = Stripes.images(Stripes.collection(6, 43));
        List<Image> images = prepared(raw);
        MultiLayerNetwork network = trainedNetwork(trained);
        int layer = CnnNetwork.embeddingIndex(trained.options());
        CnnInput input = CnnInput.fromSpec(trained.spec());
        List<float[]> plain = CnnSignatures.of(CnnSignatures.forward(network, layer, false), input, images);
        List<float[]> folded = CnnSignatures.of(CnnSignatures.forward(network, layer, true), input, images);
        for (int q = 0; q < images.size(); q++) {
            assertArrayEquals(plain.get(q), folded.get(q), 1e-4f, "image " + q);
            assertArrayEquals(ranking(plain, q), ranking(folded, q), "ranking of query " + q);
        }
        // the extractor itself uses the folded copy by default
        List<float[]> extracted = trained.extractAll(raw);
        for (int q = 0; q < images.size(); q++) {
            assertArrayEquals(folded.get(q), extracted.get(q), "image " + q);
        }
    }

    @Test
    void theFoldMatchesAHandWorkedExample() {
        // two output channels of two weights each; scale (2, 0.5), shift (1, -1)
        float[] weights = {1, -2, 4, 8};
        float[] bias = {3, -6};
        InferenceNetwork.fold(weights, bias, new double[][] {{2, 0.5}, {1, -1}});
        assertArrayEquals(new float[] {2, -4, 2, 4}, weights);
        assertArrayEquals(new float[] {7, -4}, bias);
    }

    @Test
    void theNormalisationReadsDeeplearning4jsLogarithmicStatistics() {
        CnnOptions options = CnnOptions.builder().filters(2).stages(1).embedding(4).build();
        MultiLayerNetwork network = new MultiLayerNetwork(CnnNetwork.configuration(options, new CnnInput(4, 4, 1, 0, 1), 2));
        network.init();
        org.deeplearning4j.nn.api.Layer bn = network.getLayer(1);
        bn.setParam("mean", Nd4j.createFromArray(new float[] {0.5f, -1f}).reshape(1, 2));
        bn.setParam("log10stdev", Nd4j.createFromArray(new float[] {0f, 1f}).reshape(1, 2));
        bn.setParam("gamma", Nd4j.createFromArray(new float[] {2f, 3f}).reshape(1, 2));
        bn.setParam("beta", Nd4j.createFromArray(new float[] {0.25f, 1f}).reshape(1, 2));
        double eps = ((BatchNormalization) bn.conf().getLayer()).getEps();
        double[][] affine = InferenceNetwork.normalisation(bn);
        // var = (10^log10stdev)^2 = 1 and 100; scale = gamma / sqrt(var + eps); shift = beta - mean * scale
        double s0 = 2 / Math.sqrt(1 + eps);
        double s1 = 3 / Math.sqrt(100 + eps);
        assertArrayEquals(new double[] {s0, s1}, affine[0], 1e-6);
        assertArrayEquals(new double[] {0.25 - 0.5 * s0, 1 + s1}, affine[1], 1e-6);
    }

    /** The database images in order of decreasing similarity to image {@code q}, ties by index. */
    private static int[] ranking(List<float[]> signatures, int q) {
        double[] similarity = new double[signatures.size()];
        for (int d = 0; d < similarity.length; d++) {
            double dot = 0;
            for (int k = 0; k < signatures.get(q).length; k++) {
                dot += signatures.get(q)[k] * signatures.get(d)[k];
            }
            similarity[d] = dot;
        }
        return IntStream.range(0, similarity.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(d -> -similarity[d]).thenComparingInt(d -> d))
                .mapToInt(Integer::intValue).toArray();
    }

    static void randomiseNormalisation(MultiLayerNetwork network, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (int i = 0; i < network.getnLayers(); i++) {
            if (network.getLayer(i).conf().getLayer() instanceof BatchNormalization) {
                long channels = network.getLayer(i).getParam("mean").length();
                network.getLayer(i).setParam("mean", Nd4j.rand(DataType.FLOAT, 1, channels).subi(0.5));
                network.getLayer(i).setParam("log10stdev", Nd4j.rand(DataType.FLOAT, 1, channels).subi(0.5));
                network.getLayer(i).setParam("gamma", Nd4j.rand(DataType.FLOAT, 1, channels).addi(0.5));
                network.getLayer(i).setParam("beta", Nd4j.rand(DataType.FLOAT, 1, channels).subi(0.5));
            }
        }
    }

    static List<Image> randomImages(int count, int width, int height, long seed) {
        Random random = new Random(seed);
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] samples = new float[width * height];
            for (int k = 0; k < samples.length; k++) {
                samples[k] = random.nextInt(256);
            }
            images.add(Image.of(width, height, 1, SampleDepth.UINT8, samples));
        }
        return images;
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static MultiLayerNetwork trainedNetwork(CnnExtractor extractor) {
        return extractor.network();
    }

    private static List<Image> prepared(List<Image> images) {
        return images.stream().map(i -> NetworkInput.prepare(i, 1)).toList();
    }
}
