package org.cbir.nets.cnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.EpochLoop;
import org.cbir.nets.internal.InferenceNetwork;
import org.cbir.nets.internal.NetworkInput;
import org.cbir.nets.internal.OneDnnHelpers;
import org.cbir.nets.train.CollectionSymmetry;
import org.cbir.nets.train.RandomAugmentation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link CnnNetwork} from scratch. Every epoch visits the training images in a new
 * seeded order, each as a fresh {@link RandomAugmentation} view (two views for self-supervised
 * training); unless the options name one, the augmentation's flips and quarter turns are those the
 * fitting images have ({@link CollectionSymmetry}, per class when training on labels), logged at
 * INFO with the measurements that chose them. Supervised training holds out {@link CnnOptions#validationShare()} of each class
 * (stratified, seeded), measures the validation retrieval MAP after every epoch
 * ({@link ValidationMap}), keeps the weights of the best epoch and stops after
 * {@link CnnOptions#patience()} epochs without improvement. Self-supervised training uses no label
 * at all: it runs {@link CnnOptions#maxEpochs()} epochs on every image and keeps the last. After
 * every supervised epoch, before validation, and at the end of self-supervised training, the
 * batch-normalisation statistics are re-estimated on the plain (un-augmented) training images
 * ({@link BatchNormStatistics}, at most {@value #MAX_STATISTICS} of them), so that validation and
 * the kept network see the statistics of the images that are indexed, not running averages over
 * augmented batches; the weights are not affected. The network is built with Deeplearning4j's
 * CPU layer helpers switched on ({@link OneDnnHelpers}). Each
 * epoch's loss (and validation MAP) is logged at INFO and reported as progress stage
 * {@value #STAGE}. A loss that is no longer finite stops training with an
 * {@link IllegalStateException}, so no diverged network is ever returned or saved.
 *
 * <p>Used by one thread at a time; interrupting it cancels between mini-batches with a
 * {@link CancellationException}.
 */
final class CnnTrainer {
    /** The progress stage name; {@code done} counts finished epochs of {@code maxEpochs}. */
    static final String STAGE = "training cnn";

    private static final Logger LOG = LoggerFactory.getLogger(CnnTrainer.class);
    /** Validation compares at most this many held-out images with at most {@value #MAX_DATABASE} training images. */
    private static final int MAX_QUERIES = 1000;
    private static final int MAX_DATABASE = 3000;
    /**
     * Batch-normalisation statistics are re-estimated on at most this many plain training images
     * (evenly spaced): every image gives each channel one value per pixel of its layer (64 at the
     * last stage of a 64x64 input), so a few hundred images pin the means and variances down, and
     * the re-estimation costs about two forward passes over them every epoch.
     */
    private static final int MAX_STATISTICS = 512;

    /** The trained network and what it was trained with. */
    record Result(MultiLayerNetwork network, List<String> classes, CnnInput input, RandomAugmentation augmentation,
            CnnTrainingReport report) {
    }

    private final CnnOptions options;
    private final String what;

    CnnTrainer(CnnOptions options) {
        this.options = options;
        this.what = options.selfSupervised() ? "self-supervised CNN training" : "CNN training";
    }

    /**
     * @throws IllegalArgumentException if the collection cannot be trained on (the message says what is missing)
     * @throws UncheckedIOException if a training image cannot be read (the message names it)
     * @throws IllegalStateException if training diverges
     */
    Result train(ImageCollection training, ProgressListener progress) {
        long start = System.nanoTime();
        List<String> classes = options.selfSupervised() ? List.of() : checkedClasses(training);
        if (training.size() < 2) {
            throw new IllegalArgumentException(what + " needs at least two images, got " + training.size());
        }
        List<Image> raw = training.entries().parallelStream().map(this::load).toList();
        CnnInput input = CnnInput.chosenFor(raw, options, what);
        List<Image> prepared = raw.parallelStream()
                .map(i -> sized(NetworkInput.prepare(i, input.channels()), input)).toList();
        CnnInput standardised = input.standardisedOn(prepared, what);
        int[] labels = options.selfSupervised() ? new int[training.size()] : EpochLoop.classIndices(training, classes);
        RandomAugmentation augmentation = options.augmentation();
        if (augmentation == null) {
            int largestSide = raw.stream().mapToInt(i -> Math.max(i.width(), i.height())).max().orElse(0);
            CollectionSymmetry symmetry = CollectionSymmetry.of(prepared,
                    options.selfSupervised() ? null : labels, classes);
            augmentation = options.selfSupervised() ? RandomAugmentation.forSelfSupervised(largestSide, symmetry)
                    : RandomAugmentation.forImages(largestSide, symmetry);
            LOG.info("{}: augmentation {} chosen from the symmetries of the {} training images at {}x{}: {}", what,
                    augmentation, prepared.size(), input.width(), input.height(), symmetry);
        }
        boolean[] held = options.selfSupervised() ? new boolean[training.size()] : validationMask(training);

        MultiLayerNetwork network = new MultiLayerNetwork(CnnNetwork.configuration(options, standardised,
                Math.max(2, classes.size())));
        // Deeplearning4j's CPU layer helpers: each layer's step as one libnd4j op (oneDNN where the build has it)
        OneDnnHelpers.during(() -> {
            network.init();
            return network;
        });
        LOG.info("{} on {} images ({} classes), input {}, augmentation {}, {}", what, training.size(), classes.size(),
                standardised, augmentation, options.spec());
        Epochs epochs = new Epochs(network, prepared, labels, held, classes.size(), standardised, augmentation);
        CnnTrainingReport report = epochs.run(progress, start);
        return new Result(network, classes, standardised, augmentation, report);
    }

    private List<String> checkedClasses(ImageCollection training) {
        List<String> classes = EpochLoop.labelsOf(training, what);
        for (Map.Entry<String, Integer> c : training.countsByLabel().entrySet()) {
            if (c.getValue() < 2) {
                throw new IllegalArgumentException(what + " needs at least two images of every class (one to train on, "
                        + "one to validate on), but class '" + c.getKey() + "' has " + c.getValue()
                        + "; add images of it or leave it out");
            }
        }
        return classes;
    }

    /** Which images validate: a stratified, seeded share of each class. */
    private boolean[] validationMask(ImageCollection training) {
        ImageCollection validation = training.split(options.validationShare(), options.seed() ^ 0x5EEDL).train();
        Set<ImageEntry> chosen = new HashSet<>(validation.entries());
        boolean[] held = new boolean[training.size()];
        for (int i = 0; i < held.length; i++) {
            held[i] = chosen.contains(training.entries().get(i));
        }
        return held;
    }

    private Image load(ImageEntry entry) {
        try {
            return entry.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training image " + entry.name() + ": " + e.getMessage(), e);
        }
    }

    private static Image sized(Image prepared, CnnInput input) {
        return prepared.width() == input.width() && prepared.height() == input.height() ? prepared
                : prepared.resize(input.width(), input.height());
    }

    /** The epoch loop over one training run's data. */
    private final class Epochs {
        private final MultiLayerNetwork network;
        private final List<Image> images;
        private final int[] labels;
        private final int classCount;
        private final CnnInput input;
        private final RandomAugmentation augmentation;
        private final int[] trainIndices;
        private final int[] validationIndices;
        private final int layer;
        /** Where this epoch's time went, for the log: making the views, training steps, statistics, validation. */
        private long viewNanos;
        private long stepNanos;
        private long statisticsNanos;
        private long validationNanos;

        Epochs(MultiLayerNetwork network, List<Image> images, int[] labels, boolean[] held, int classCount,
                CnnInput input, RandomAugmentation augmentation) {
            this.network = network;
            this.images = images;
            this.labels = labels;
            this.classCount = classCount;
            this.input = input;
            this.augmentation = augmentation;
            this.trainIndices = IntStream.range(0, images.size()).filter(i -> !held[i]).toArray();
            this.validationIndices = IntStream.range(0, images.size()).filter(i -> held[i]).toArray();
            this.layer = CnnNetwork.embeddingIndex(options);
        }

        CnnTrainingReport run(ProgressListener progress, long start) {
            progress.onProgress(STAGE, 0, options.maxEpochs());
            List<Double> losses = new ArrayList<>();
            List<Double> maps = new ArrayList<>();
            INDArray best = null;
            int bestEpoch = 0;
            double bestMap = Double.NEGATIVE_INFINITY;
            for (int epoch = 0; epoch < options.maxEpochs(); epoch++) {
                double loss = epoch(epoch);
                network.incrementEpochCount();
                losses.add(loss);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException(what + " diverged (loss " + loss + " in epoch " + (epoch + 1)
                            + "), so no network was kept; lower the learning rate (now " + options.learningRate() + ")");
                }
                double map = Double.NaN;
                if (!options.selfSupervised()) {
                    long t = System.nanoTime();
                    Map<Integer, float[]> known = reestimateStatistics();
                    statisticsNanos += System.nanoTime() - t;
                    t = System.nanoTime();
                    map = validationMap(known);
                    validationNanos += System.nanoTime() - t;
                }
                LOG.info("{} epoch {}/{}: loss {}{} ({} s so far; this epoch: views {} s, steps {} s, statistics {} s, "
                        + "validation {} s)", what, epoch + 1, options.maxEpochs(),
                        String.format(Locale.ROOT, "%.4f", loss),
                        options.selfSupervised() ? "" : String.format(Locale.ROOT, ", validation MAP %.4f", map),
                        (System.nanoTime() - start) / 1_000_000_000L, seconds(viewNanos), seconds(stepNanos),
                        seconds(statisticsNanos), seconds(validationNanos));
                viewNanos = 0;
                stepNanos = 0;
                statisticsNanos = 0;
                validationNanos = 0;
                progress.onProgress(STAGE, epoch + 1, options.maxEpochs());
                if (options.selfSupervised()) {
                    bestEpoch = epoch + 1;
                    continue;
                }
                maps.add(map);
                if (map > bestMap) {
                    bestMap = map;
                    bestEpoch = epoch + 1;
                    best = network.params().dup();
                } else if (epoch + 1 - bestEpoch >= options.patience()) {
                    LOG.info("{} stops after epoch {}: no better validation MAP in {} epochs; keeping epoch {} (MAP {})",
                            what, epoch + 1, options.patience(), bestEpoch, String.format(Locale.ROOT, "%.4f", bestMap));
                    break;
                }
            }
            if (best != null) {
                network.setParams(best); // with the statistics re-estimated in its epoch
            } else {
                reestimateStatistics();
            }
            return new CnnTrainingReport(losses, maps, bestEpoch, Duration.ofNanos(System.nanoTime() - start));
        }

        private double epoch(int epoch) {
            int[] order = trainIndices.clone();
            Random shuffle = new Random(mix(options.seed(), epoch, -1));
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double sum = 0;
            long samples = 0;
            for (int from = 0; from < order.length; from += options.batchSize()) {
                int count = Math.min(options.batchSize(), order.length - from);
                if (count < 2 && samples > 0) {
                    break; // a lone last image: batch statistics and NT-Xent need two
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(what + " interrupted in epoch " + (epoch + 1));
                }
                long t = System.nanoTime();
                DataSet batch = batch(order, from, count, epoch);
                viewNanos += System.nanoTime() - t;
                t = System.nanoTime();
                if (epoch == 0 && from == 0) {
                    DifferentiationChatter.silenced(() -> network.fit(batch));
                } else {
                    network.fit(batch);
                }
                stepNanos += System.nanoTime() - t;
                sum += network.score() * count;
                samples += count;
            }
            return sum / samples;
        }

        /** Images {@code order[from .. from+count)}: one view each with one-hot labels, or two views with the pairing. */
        private DataSet batch(int[] order, int from, int count, int epoch) {
            int views = options.selfSupervised() ? 2 : 1;
            int rows = count * views;
            float[] features = new float[rows * input.size()];
            IntStream.range(0, rows).parallel().forEach(r -> {
                int image = order[from + r / views];
                Random random = new Random(mix(options.seed(), epoch, (long) image * views + r % views));
                input.write(augmentation.apply(images.get(image), random), features, r * input.size());
            });
            float[] targets;
            if (options.selfSupervised()) {
                targets = new float[rows * rows];
                for (int r = 0; r < rows; r++) {
                    targets[r * rows + r] = -1f;
                    targets[r * rows + (r ^ 1)] = 1f;
                }
                return dataSet(features, rows, targets, rows);
            }
            targets = new float[rows * classCount];
            for (int r = 0; r < rows; r++) {
                targets[r * classCount + labels[order[from + r]]] = 1f;
            }
            return dataSet(features, rows, targets, classCount);
        }

        private DataSet dataSet(float[] features, int rows, float[] targets, int columns) {
            return new DataSet(Nd4j.create(features, new long[] {rows, input.channels(), input.height(), input.width()}, 'c'),
                    Nd4j.create(targets, new long[] {rows, columns}, 'c'));
        }

        /**
         * Replaces the batch-normalisation running statistics by those of the plain training
         * images; returns the signatures that pass computed on the way (by image index), which
         * validation reuses when it runs the folded network (the same computation to float rounding).
         */
        private Map<Integer, float[]> reestimateStatistics() {
            int[] chosen = subsample(trainIndices, MAX_STATISTICS);
            List<Image> plain = new ArrayList<>(chosen.length);
            for (int i : chosen) {
                plain.add(images.get(i));
            }
            List<INDArray> embeddings = BatchNormStatistics.reestimate(network, layer, input, plain);
            Map<Integer, float[]> known = new HashMap<>();
            if (InferenceNetwork.foldingEnabled()) {
                int k = 0;
                for (INDArray batch : embeddings) {
                    for (float[] row : CnnSignatures.rows(batch)) {
                        known.put(chosen[k++], row);
                    }
                }
            }
            return known;
        }

        private double validationMap(Map<Integer, float[]> known) {
            int[] queries = subsample(validationIndices, MAX_QUERIES);
            int[] database = subsample(trainIndices, MAX_DATABASE);
            CnnSignatures.Forward forward = CnnSignatures.forward(network, layer);
            return ValidationMap.of(signatures(forward, queries, Map.of()), classes(queries),
                    signatures(forward, database, known), classes(database));
        }

        /** The signatures of images {@code indices}, in order: from {@code known} where there, else computed now. */
        private List<float[]> signatures(CnnSignatures.Forward forward, int[] indices, Map<Integer, float[]> known) {
            List<Image> missing = new ArrayList<>(indices.length);
            for (int i : indices) {
                if (!known.containsKey(i)) {
                    missing.add(images.get(i));
                }
            }
            List<float[]> computed = CnnSignatures.of(forward, input, Collections.unmodifiableList(missing));
            List<float[]> out = new ArrayList<>(indices.length);
            int next = 0;
            for (int i : indices) {
                float[] row = known.get(i);
                out.add(row != null ? row : computed.get(next++));
            }
            return out;
        }

        private int[] classes(int[] indices) {
            return IntStream.of(indices).map(i -> labels[i]).toArray();
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** At most {@code limit} of {@code indices}, evenly spaced (all when there are fewer). */
    static int[] subsample(int[] indices, int limit) {
        if (indices.length <= limit) {
            return indices;
        }
        return IntStream.range(0, limit).map(i -> indices[(int) ((long) i * indices.length / limit)]).toArray();
    }

    /** A seed for one random stream of a run: SplitMix64's finaliser over the three values. */
    static long mix(long seed, long epoch, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1) + 0xBF58476D1CE4E5B9L * (stream + 2);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
