package org.cbir.nets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link LeNetArchitecture} network from scratch on a labelled collection, with the
 * stopping rule of the paper: training ends after the first epoch whose mean training loss is
 * below {@link LeNetOptions#lossThreshold()} and no lower than the epoch before (the loss has
 * stopped falling), or after {@link LeNetOptions#maxEpochs()} epochs. Each epoch's loss is the
 * mean cross-entropy over its samples (dropout active, as measured during the epoch), logged at
 * INFO and reported to the {@link ProgressListener} as stage {@value #STAGE}.
 *
 * <p>Used by one thread at a time; interrupting it cancels training between mini-batches with a
 * {@link CancellationException}.
 */
final class LeNetTrainer {
    /** The progress stage name; {@code done} counts finished epochs of {@code maxEpochs}. */
    static final String STAGE = "training lenet";

    private static final Logger LOG = LoggerFactory.getLogger(LeNetTrainer.class);

    /** A trained network, the class names of its outputs, and the loss of each epoch run. */
    record Result(MultiLayerNetwork network, List<String> classes, TrainingHistory history) {
    }

    private final LeNetOptions options;

    LeNetTrainer(LeNetOptions options) {
        this.options = options;
    }

    /**
     * @throws IllegalArgumentException if the collection is empty, has an unlabelled image or
     *     fewer than two labels
     * @throws UncheckedIOException if a training image cannot be read (the message names it)
     */
    Result train(ImageCollection training, ProgressListener progress) {
        List<String> classes = checkLabels(training);
        Map<String, Integer> classIndex = new HashMap<>();
        for (String c : classes) {
            classIndex.put(c, classIndex.size());
        }
        List<ImageEntry> entries = training.entries();
        int[] labels = entries.stream().mapToInt(e -> classIndex.get(e.label())).toArray();
        List<Image> images = entries.parallelStream().map(this::loadPrepared).toList();
        AugmentedDataSetIterator batches = new AugmentedDataSetIterator(images, labels, classes,
                options.augmentation(), options);

        MultiLayerNetwork network = new MultiLayerNetwork(options.architecture().configuration(options, classes.size()));
        network.init();
        LOG.info("training LeNet on {} images of {} classes ({} samples per epoch with augmentation {}), {}",
                entries.size(), classes.size(), batches.samplesPerEpoch(), options.augmentation(), options.toSpec());
        progress.onProgress(STAGE, 0, options.maxEpochs());
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        for (int epoch = 0; epoch < options.maxEpochs(); epoch++) {
            if (epoch > 0) {
                batches.reset();
            }
            double loss = runEpoch(network, batches, epoch);
            network.incrementEpochCount();
            losses.add(loss);
            LOG.info("LeNet epoch {}/{}: loss {} ({} s so far)", epoch + 1, options.maxEpochs(),
                    String.format(Locale.ROOT, "%.4f", loss), (System.nanoTime() - start) / 1_000_000_000L);
            progress.onProgress(STAGE, epoch + 1, options.maxEpochs());
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("LeNet training diverged (loss " + loss + " in epoch " + (epoch + 1)
                        + "); lower the learning rate (now " + options.learningRate() + ")");
            }
            if (epoch > 0 && loss < options.lossThreshold() && loss >= losses.get(epoch - 1)) {
                LOG.info("LeNet training stops after epoch {}: loss below {} and no longer falling",
                        epoch + 1, options.lossThreshold());
                break;
            }
        }
        return new Result(network, classes, new TrainingHistory(losses, Duration.ofNanos(System.nanoTime() - start)));
    }

    private double runEpoch(MultiLayerNetwork network, AugmentedDataSetIterator batches, int epoch) {
        double sum = 0;
        long samples = 0;
        while (batches.hasNext()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("LeNet training interrupted in epoch " + (epoch + 1));
            }
            DataSet batch = batches.next();
            network.fit(batch);
            int n = batch.numExamples();
            sum += network.score() * n;
            samples += n;
        }
        return sum / samples;
    }

    private static List<String> checkLabels(ImageCollection training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("cannot train LeNet on an empty collection");
        }
        for (ImageEntry e : training) {
            if (e.label() == null) {
                throw new IllegalArgumentException("LeNet training needs labelled images; " + e.name() + " has no label");
            }
        }
        List<String> classes = List.copyOf(training.labels());
        if (classes.size() < 2) {
            throw new IllegalArgumentException("LeNet training needs at least two labels, got " + classes);
        }
        return classes;
    }

    private Image loadPrepared(ImageEntry entry) {
        try {
            return NetworkInput.prepare(entry.load(), options.channels());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training image " + entry.name() + ": " + e.getMessage(), e);
        }
    }
}
