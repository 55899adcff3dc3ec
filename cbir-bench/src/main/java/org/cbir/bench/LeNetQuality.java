package org.cbir.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cbir.core.ComponentSpec;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.eval.ClassScores;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetArchitecture;
import org.cbir.nets.lenet.LeNetExtractor;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.train.Augmentation;
import org.cbir.nets.train.TrainingHistory;

/**
 * Retrieval quality of LeNet signatures with the paper's protocol (Araujo et al., section 3.2):
 * a LeNet is trained from scratch on 10% of each class (seed 42), the other 90% are indexed
 * (cosine, exact) and each is queried against the rest. Prints one Markdown row per collection:
 * MAP, k-accuracy for k = 1, 5, 10, 20, Ω, the per-class top-1 accuracy and the training and
 * total seconds.
 *
 * <p>Arguments: {@code samples-dir architecture max-epochs augmentation learning-rate momentum
 * [collections...]}, the augmentation as {@code Augmentation.parse} reads it ({@code none},
 * {@code 7/14/20+rot} for the paper's), e.g.
 * {@code ../shared/data/pycbir-samples lenet5 40 none 0.01 0.9 gisaxs fibers_small}. The system
 * property {@code inputSize} (default 32) sets the network's input side, {@code trainFraction}
 * (default 0.1, the paper's) the share of each class that trains the network, and {@code seed}
 * (default 42) the split and the network's initialisation.
 */
public final class LeNetQuality {
    private static final int INPUT_SIZE = Integer.getInteger("inputSize", 32);
    private static final double TRAIN_FRACTION = Double.parseDouble(System.getProperty("trainFraction", "0.1"));
    private static final long SEED = Long.getLong("seed", 42);

    private LeNetQuality() {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args[0]);
        LeNetArchitecture architecture = ComponentSpec.enumConstant(LeNetArchitecture.class, args[1].strip().toLowerCase(Locale.ROOT));
        int epochs = Integer.parseInt(args[2]);
        Augmentation augmentation = Augmentation.parse(args[3]);
        double learningRate = Double.parseDouble(args[4]);
        double momentum = Double.parseDouble(args[5]);
        List<String> collections = args.length > 6 ? List.of(args).subList(6, args.length) : List.of("gisaxs", "fibers_small");
        System.out.println("| collection | network | augmentation | SGD | MAP | acc@1 | acc@5 | acc@10 | acc@20 | acc@Ω | top-1 per class | epochs run | training s | total s |");
        System.out.println("|---|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        for (String collection : collections) {
            ImageCollection images = ImageCollection.fromFolder(samples.resolve(collection).resolve("database"));
            long start = System.nanoTime();
            ImageCollection.Split split = images.split(TRAIN_FRACTION, SEED);
            RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(LeNet.of(LeNetOptions.builder()
                    .architecture(architecture).maxEpochs(epochs).augmentation(augmentation)
                    .learningRate(learningRate).momentum(momentum).inputSize(INPUT_SIZE, INPUT_SIZE).seed(SEED).build()))
                    .similarity(Similarity.cosine()).build();
            pipeline.fit(split.train());
            TrainingHistory history = ((LeNetExtractor) pipeline.extractor()).trainingHistory().orElseThrow();
            pipeline.addAll(split.test());
            EvaluationReport report = Evaluation.builder().pipeline(() -> pipeline).build().runIndexed(pipeline);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | rate %s, momentum %s | %.3f |",
                    collection, ComponentSpec.enumName(architecture) + " " + INPUT_SIZE + "x" + INPUT_SIZE, augmentation, learningRate,
                    momentum, report.map()));
            for (double accuracy : report.kAccuracy()) {
                row.append(String.format(Locale.ROOT, " %.3f |", accuracy));
            }
            StringBuilder perClass = new StringBuilder();
            for (ClassScores scores : report.classes()) {
                perClass.append(perClass.isEmpty() ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.3f", scores.label(), scores.kAccuracy().get(0)));
            }
            row.append(' ').append(perClass).append(String.format(Locale.ROOT, " | %d | %.0f | %.0f |",
                    history.epochs(), history.duration().toMillis() / 1000.0, (System.nanoTime() - start) / 1e9));
            System.out.println(row);
        }
    }
}
