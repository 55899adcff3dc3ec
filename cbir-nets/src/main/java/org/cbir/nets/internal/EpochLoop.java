package org.cbir.nets.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epochs of a training run, shared by LeNet training and fine-tuning: each epoch fits every
 * mini-batch of an {@link AugmentedDataSetIterator}, its loss is the mean training loss over its
 * samples, and the run ends with the paper's rule: after the first epoch whose loss is below the
 * threshold and no lower than the epoch before, or after the maximum number of epochs. Progress
 * is reported per finished epoch; interrupting the thread cancels between mini-batches with a
 * {@link CancellationException}. Used by one thread at a time.
 */
public final class EpochLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EpochLoop.class);

    /**
     * What the loop trains: a Deeplearning4j network seen through the three calls it needs.
     *
     * @param fit one optimisation step on a mini-batch
     * @param score the loss of the last mini-batch
     * @param epochDone counts a finished epoch (the learning-rate schedules run per epoch)
     */
    public record Trainable(Consumer<DataSet> fit, DoubleSupplier score, Runnable epochDone) {
    }

    private final String what;
    private final String stage;
    private final int maxEpochs;
    private final double lossThreshold;
    private final double learningRate;

    /**
     * Checks the settings every run of the loop shares (LeNet training and fine-tuning options).
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public static void checkSettings(double learningRate, double decay, int maxEpochs, double lossThreshold, int batchSize) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (!(decay >= 0) || !Double.isFinite(decay)) {
            throw new IllegalArgumentException("learning-rate decay must be >= 0 and finite, got " + decay);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("max epochs must be at least 1, got " + maxEpochs);
        }
        if (!(lossThreshold >= 0) || !Double.isFinite(lossThreshold)) {
            throw new IllegalArgumentException("loss threshold must be >= 0 and finite, got " + lossThreshold);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /**
     * @param what names the run in logs and errors ("LeNet training", "fine-tuning")
     * @param stage the progress stage name
     */
    public EpochLoop(String what, String stage, int maxEpochs, double lossThreshold, double learningRate) {
        this.what = what;
        this.stage = stage;
        this.maxEpochs = maxEpochs;
        this.lossThreshold = lossThreshold;
        this.learningRate = learningRate;
    }

    /**
     * Runs the epochs.
     *
     * @return the loss of each epoch run, in order
     * @throws IllegalStateException if the loss is no longer finite (training diverged)
     */
    public List<Double> run(Trainable network, AugmentedDataSetIterator batches, ProgressListener progress) {
        progress.onProgress(stage, 0, maxEpochs);
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            if (epoch > 0) {
                batches.reset();
            }
            double loss = runEpoch(network, batches, epoch);
            network.epochDone().run();
            losses.add(loss);
            LOG.info("{} epoch {}/{}: loss {} ({} s so far)", what, epoch + 1, maxEpochs,
                    String.format(Locale.ROOT, "%.4f", loss), (System.nanoTime() - start) / 1_000_000_000L);
            progress.onProgress(stage, epoch + 1, maxEpochs);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(what + " diverged (loss " + loss + " in epoch " + (epoch + 1)
                        + "); lower the learning rate (now " + learningRate + ")");
            }
            if (epoch > 0 && loss < lossThreshold && loss >= losses.get(epoch - 1)) {
                LOG.info("{} stops after epoch {}: loss below {} and no longer falling", what, epoch + 1, lossThreshold);
                break;
            }
        }
        return List.copyOf(losses);
    }

    private double runEpoch(Trainable network, AugmentedDataSetIterator batches, int epoch) {
        double sum = 0;
        long samples = 0;
        while (batches.hasNext()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException(what + " interrupted in epoch " + (epoch + 1));
            }
            DataSet batch = batches.next();
            network.fit().accept(batch);
            int n = batch.numExamples();
            sum += network.score().getAsDouble() * n;
            samples += n;
        }
        return sum / samples;
    }

    /**
     * The labels of a training collection, checked: it is not empty, every image has a label and
     * there are at least two.
     *
     * @param what names the run in the errors ("LeNet training", "fine-tuning")
     * @throws IllegalArgumentException naming the first problem
     */
    public static List<String> labelsOf(ImageCollection training, String what) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException(what + " needs images; the collection is empty");
        }
        for (ImageEntry e : training) {
            if (e.label() == null) {
                throw new IllegalArgumentException(what + " needs labelled images; " + e.name() + " has no label");
            }
        }
        List<String> classes = List.copyOf(training.labels());
        if (classes.size() < 2) {
            throw new IllegalArgumentException(what + " needs at least two labels, got " + classes);
        }
        return classes;
    }

    /** The index in {@code classes} of each entry's label, in collection order. */
    public static int[] classIndices(ImageCollection training, List<String> classes) {
        Map<String, Integer> index = new HashMap<>();
        for (String c : classes) {
            index.put(c, index.size());
        }
        return training.entries().stream().mapToInt(e -> index.get(e.label())).toArray();
    }
}
