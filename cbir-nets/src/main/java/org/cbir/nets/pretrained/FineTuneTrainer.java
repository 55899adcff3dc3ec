package org.cbir.nets.pretrained;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.AugmentedDataSetIterator;
import org.cbir.nets.internal.EpochLoop;
import org.cbir.nets.internal.NetworkInput;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes a {@link BaseNetwork} on a labelled collection: builds the {@link TransferGraph}
 * for the collection's classes and trains it epoch by epoch on (optionally augmented) mini-batches
 * from {@link AugmentedDataSetIterator}, with the stopping rule of {@code LeNetTrainer}: after
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
        List<String> classes = EpochLoop.labelsOf(training, "fine-tuning");
        List<ImageEntry> entries = training.entries();
        int[] labels = EpochLoop.classIndices(training, classes);
        List<Image> images = entries.parallelStream().map(this::loadPrepared).toList();
        NetworkInputFormat f = base.format();
        AugmentedDataSetIterator batches = new AugmentedDataSetIterator(images, labels, classes,
                options.augmentation(), f.width(), f.height(), f.channels(), false, options.batchSize(), options.seed());
        batches.setPreProcessor(batch -> f.scale(batch.getFeatures()));

        ComputationGraph network = TransferGraph.build(base, options, classes.size());
        LOG.info("fine-tuning {} on {} images of {} classes ({} samples per epoch), frozen up to {}, signature {}, {}",
                base, entries.size(), classes.size(), batches.samplesPerEpoch(), options.frozenUpTo(),
                options.signatureLayer(), options);
        EpochLoop.Trainable trainable = new EpochLoop.Trainable(network::fit, network::score,
                network::incrementEpochCount);
        List<Double> losses = new EpochLoop("fine-tuning", FineTunedExtractor.TRAINING_STAGE, options.maxEpochs(),
                options.lossThreshold(), options.learningRate()).run(trainable, batches, progress);
        return new Result(network, classes, losses);
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
