package org.cbir.nets.lenet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.AugmentedDataSetIterator;
import org.cbir.nets.internal.EpochLoop;
import org.cbir.nets.internal.NetworkInput;
import org.cbir.nets.train.TrainingHistory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
        List<String> classes = EpochLoop.labelsOf(training, "LeNet training");
        List<ImageEntry> entries = training.entries();
        int[] labels = EpochLoop.classIndices(training, classes);
        List<Image> images = entries.parallelStream().map(this::loadPrepared).toList();
        AugmentedDataSetIterator batches = new AugmentedDataSetIterator(images, labels, classes,
                options.augmentation(), options.width(), options.height(), options.channels(),
                options.standardiseInput(), options.batchSize(), options.seed());

        MultiLayerNetwork network = new MultiLayerNetwork(options.architecture().configuration(options, classes.size()));
        network.init();
        LOG.info("training LeNet on {} images of {} classes ({} samples per epoch with augmentation {}), {}",
                entries.size(), classes.size(), batches.samplesPerEpoch(), options.augmentation(), options.spec());
        long start = System.nanoTime();
        EpochLoop.Trainable trainable = new EpochLoop.Trainable(network::fit, network::score,
                network::incrementEpochCount);
        List<Double> losses = new EpochLoop("LeNet training", STAGE, options.maxEpochs(), options.lossThreshold(),
                options.learningRate()).run(trainable, batches, progress);
        return new Result(network, classes, new TrainingHistory(losses, Duration.ofNanos(System.nanoTime() - start)));
    }

    private Image loadPrepared(ImageEntry entry) {
        try {
            return NetworkInput.prepare(entry.load(), options.channels());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training image " + entry.name() + ": " + e.getMessage(), e);
        }
    }
}
