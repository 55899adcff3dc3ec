package org.cbir.nets;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes a {@link BaseNetwork} on a labelled collection: builds the {@link TransferGraph}
 * for the collection's classes and trains it epoch by epoch on (optionally augmented) mini-batches
 * from {@link AugmentedDataSetIterator}, with the stopping rule of {@link LeNetTrainer}: after
 * {@link FineTuneOptions#maxEpochs()} epochs, or earlier after an epoch whose mean loss is below
 * {@link FineTuneOptions#lossThreshold()} and not lower than the epoch before. Each epoch's loss
 * is the mean cross-entropy over its samples as measured during the epoch, logged at INFO and
 * reported to the {@link ProgressListener} as stage {@link FineTunedExtractor#TRAINING_STAGE}.
 *
 * <p>Training images are decoded once, in parallel, and held at their own size (an image is
 * brought to the input size per batch, after augmentation, so augmentation offsets are in the
 * image's own pixels); with {@link SmallImagePolicy#ZERO_PAD} they are padded to the input size
 * first. Used by one thread at a time; interrupting it cancels training between mini-batches
 * with a {@link CancellationException}.
 */
final class FineTuneTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(FineTuneTrainer.class);

    /** A fine-tuned network, the class names of its outputs, and the loss of each epoch run. */
    record Result(ComputationGraph network, List<String> classes, List<Double> epochLosses) {
    }

    private final BaseNetwork base;
    private final FineTuneOptions options;

    FineTuneTrainer(BaseNetwork base, FineTuneOptions options) {
        this.base = base;
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
        NetworkInputFormat f = base.format();
        AugmentedDataSetIterator batches = new AugmentedDataSetIterator(images, labels, classes,
                options.augmentation(), f.width(), f.height(), f.channels(), false, options.batchSize(), options.seed());
        batches.setPreProcessor(batch -> f.scale(batch.getFeatures()));

        ComputationGraph network = TransferGraph.build(base, options, classes.size());
        LOG.info("fine-tuning {} on {} images of {} classes ({} samples per epoch), frozen up to {}, signature {}, {}",
                base, entries.size(), classes.size(), batches.samplesPerEpoch(), options.frozenUpTo(),
                options.signatureLayer(), options);
        String stage = FineTunedExtractor.TRAINING_STAGE;
        progress.onProgress(stage, 0, options.maxEpochs());
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        for (int epoch = 0; epoch < options.maxEpochs(); epoch++) {
            if (epoch > 0) {
                batches.reset();
            }
            double loss = runEpoch(network, batches, epoch);
            network.incrementEpochCount();
            losses.add(loss);
            LOG.info("fine-tuning epoch {}/{}: loss {} ({} s so far)", epoch + 1, options.maxEpochs(),
                    String.format(Locale.ROOT, "%.4f", loss), (System.nanoTime() - start) / 1_000_000_000L);
            progress.onProgress(stage, epoch + 1, options.maxEpochs());
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("fine-tuning diverged (loss " + loss + " in epoch " + (epoch + 1)
                        + "); lower the learning rate (now " + options.learningRate() + ")");
            }
            if (epoch > 0 && loss < options.lossThreshold() && loss >= losses.get(epoch - 1)) {
                LOG.info("fine-tuning stops after epoch {}: loss below {} and no longer falling", epoch + 1,
                        options.lossThreshold());
                break;
            }
        }
        return new Result(network, classes, List.copyOf(losses));
    }

    private static double runEpoch(ComputationGraph network, AugmentedDataSetIterator batches, int epoch) {
        double sum = 0;
        long samples = 0;
        while (batches.hasNext()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("fine-tuning interrupted in epoch " + (epoch + 1));
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
            throw new IllegalArgumentException("cannot fine-tune on an empty collection");
        }
        for (ImageEntry e : training) {
            if (e.label() == null) {
                throw new IllegalArgumentException("fine-tuning needs labelled images; " + e.name() + " has no label");
            }
        }
        List<String> classes = List.copyOf(training.labels());
        if (classes.size() < 2) {
            throw new IllegalArgumentException("fine-tuning needs at least two labels, got " + classes);
        }
        return classes;
    }

    private Image loadPrepared(ImageEntry entry) {
        NetworkInputFormat f = base.format();
        try {
            Image prepared = NetworkInput.prepare(entry.load(), f.channels());
            return f.policy() == SmallImagePolicy.ZERO_PAD ? f.policy().fit(prepared, f.width(), f.height()) : prepared;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training image " + entry.name() + ": " + e.getMessage(), e);
        }
    }
}
