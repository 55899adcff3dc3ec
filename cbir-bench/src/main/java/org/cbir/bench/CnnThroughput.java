package org.cbir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cbir.core.BatchedFeatureExtractor;
import org.cbir.core.ComponentSpec;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetArchitecture;
import org.cbir.nets.lenet.LeNetExtractor;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.pretrained.InceptionResNetV2Extractor;
import org.cbir.nets.pretrained.PretrainedExtractor;
import org.cbir.nets.pretrained.PretrainedModel;
import org.cbir.nets.pretrained.PretrainedWeights;
import org.cbir.nets.train.Augmentation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Signature-extraction throughput of the CNN extractors on the GISAXS samples (decoded once,
 * in memory): images per second through {@link BatchedFeatureExtractor#extractAll}, which
 * includes each image's conversion (grey or RGB, resize, standardisation) and the batched
 * forward pass. LeNet is trained for one epoch first (its speed does not depend on its
 * weights); ResNet-50 gets the zoo's architecture with random weights, saved to a temporary
 * file and loaded as a user's local weights file would be.
 *
 * <p>Arguments: {@code samples-dir [seconds-per-measure] [models]} with models a comma-separated
 * subset of {@code lenet5,pycbir,resnet50,inception-resnet-v2} (default the first three).
 * Inception-ResNet-v2 reads the Keras weights file named by the system property
 * {@code kerasWeights} (any weights in Keras's layout: tools/keras_inception_parity.py writes
 * random ones) and is measured at 299x299 and 150x150 with batches of 8. Run once with the system property
 * {@code cbir.nets.layerOps=false} for the baseline: Deeplearning4j's own layers. The thread
 * count of the native backend is {@code OMP_NUM_THREADS} (default: the cores).
 */
public final class CnnThroughput {
    private CnnThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        List<String> models = List.of((args.length > 2 ? args[2] : "lenet5,pycbir,resnet50").split(","));
        ImageCollection.Split split = ImageCollection.fromFolder(samples.resolve("gisaxs").resolve("database"))
                .split(0.1, 42);
        List<Image> images = new ArrayList<>();
        for (ImageEntry e : split.test()) {
            images.add(e.load());
        }
        String backend = Nd4j.getBackend().getClass().getSimpleName() + ", " + Nd4j.getEnvironment().maxMasterThreads()
                + " native threads, layer ops " + System.getProperty(LeNetExtractor.LAYER_OPS_PROPERTY, "true");
        System.out.println("| network | input | batch | images/s | backend |");
        System.out.println("|---|---|---:|---:|---|");
        for (String model : models) {
            if (model.equals("resnet50")) {
                Path weights = Files.createTempFile("resnet50-random", ".zip");
                try {
                    ComputationGraph graph = (ComputationGraph) PretrainedModel.RESNET50.zooModel().init();
                    ModelSerializer.writeModel(graph, weights.toFile(), false);
                    for (int batch : new int[] {8, 32}) {
                        PretrainedExtractor resnet = PretrainedExtractor.builder().model(PretrainedModel.RESNET50)
                                .weights(PretrainedWeights.file(weights)).batchSize(batch).build();
                        row("ResNet-50 (random weights)", "224x224 RGB", batch, measure(resnet, images, seconds), backend);
                    }
                } finally {
                    Files.deleteIfExists(weights);
                }
                continue;
            }
            if (model.equals(InceptionResNetV2Extractor.TYPE)) {
                Path weights = Path.of(System.getProperty("kerasWeights", InceptionResNetV2Extractor.kerasCacheFile().toString()));
                for (int size : new int[] {299, 150}) {
                    InceptionResNetV2Extractor inception = InceptionResNetV2Extractor.builder().weights(weights)
                            .inputSize(size).build();
                    row("Inception-ResNet-v2 (" + weights.getFileName() + ")", size + "x" + size + " RGB", 8,
                            measure(inception, images, seconds, 8), backend);
                }
                continue;
            }
            LeNetArchitecture architecture = ComponentSpec.enumConstant(LeNetArchitecture.class, model.strip().toLowerCase(Locale.ROOT));
            LeNetExtractor lenet = LeNet.of(LeNetOptions.builder().architecture(architecture).maxEpochs(1)
                    .augmentation(Augmentation.none()).build()).fit(split.train(), (s, d, t) -> { });
            row("LeNet " + ComponentSpec.enumName(architecture), "32x32 grey", 256, measure(lenet, images, seconds), backend);
        }
    }

    /** Images per second over at least {@code seconds}, after a warm-up pass of 16 images, 256 images a call. */
    private static double measure(BatchedFeatureExtractor extractor, List<Image> images, double seconds) {
        return measure(extractor, images, seconds, 256);
    }

    /** Images per second over at least {@code seconds}, after a warm-up pass, {@code perCall} images a call. */
    private static double measure(BatchedFeatureExtractor extractor, List<Image> images, double seconds, int perCall) {
        extractor.extractAll(images.subList(0, Math.min(16, perCall)));
        long start = System.nanoTime();
        long count = 0;
        int from = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            int to = Math.min(images.size(), from + perCall);
            extractor.extractAll(images.subList(from, to));
            count += to - from;
            from = to == images.size() ? 0 : to;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void row(String network, String input, int batch, double perSecond, String backend) {
        String rate = String.format(Locale.ROOT, perSecond < 100 ? "%.1f" : "%,.0f", perSecond);
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |", network, input, batch, rate,
                backend));
    }
}
