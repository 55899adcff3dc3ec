package org.cbir.nets.internal;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import org.cbir.core.image.Image;
import org.cbir.nets.train.Augmentation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of augmented training images, generated lazily: the iterator holds the training
 * images once (already {@link NetworkInput#prepare prepared}, at their own size) and, for each
 * batch, computes only that batch's {@link Augmentation#variant variants}, resizes them to the
 * network input and packs them into an NCHW feature array and one-hot labels. An epoch visits
 * every (image, variant) pair exactly once, in an order shuffled with {@code seed} and the epoch
 * number; {@link #reset()} starts the next epoch with a new order. So memory holds the training
 * images plus one batch, never the whole augmented set.
 *
 * <p>Not thread-safe (DataSetIterators are consumed by one training thread); no asynchronous
 * prefetching, so that runs are repeatable.
 */
public final class AugmentedDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient List<Image> images;
    private final int[] classes;
    private final int classCount;
    private final List<String> labelNames;
    private final transient Augmentation augmentation;
    private final int width;
    private final int height;
    private final int channels;
    private final boolean standardise;
    private final int batchSize;
    private final long seed;
    private final int[] order;
    private int epoch;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    /**
     * Batches of {@code batchSize} samples of {@code channels x height x width}, each standardised
     * ({@link NetworkInput#standardise}) when {@code standardise} is set, shuffled with {@code seed}.
     *
     * @param images prepared training images
     * @param classes the class index of each image, in {@code [0, labelNames.size())}
     * @param labelNames the class names, by index
     * @throws IllegalArgumentException if the augmented set has more than {@code 2^31 - 1} samples
     */
    public AugmentedDataSetIterator(List<Image> images, int[] classes, List<String> labelNames, Augmentation augmentation,
            int width, int height, int channels, boolean standardise, int batchSize, long seed) {
        this.images = List.copyOf(images);
        this.classes = classes.clone();
        this.labelNames = List.copyOf(labelNames);
        this.classCount = labelNames.size();
        this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.standardise = standardise;
        this.batchSize = batchSize;
        this.seed = seed;
        if (this.classes.length != this.images.size()) {
            throw new IllegalArgumentException(this.images.size() + " images but " + this.classes.length + " labels");
        }
        long total = (long) this.images.size() * augmentation.variantsPerImage();
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("augmented training set too large: " + this.images.size() + " images x "
                    + augmentation.variantsPerImage() + " variants exceeds 2^31 - 1 samples");
        }
        this.order = new int[(int) total];
        shuffle();
    }

    /** Samples per epoch: training images times variants per image. */
    public int samplesPerEpoch() {
        return order.length;
    }

    private void shuffle() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        cursor = 0;
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is finished; call reset()");
        }
        int count = Math.min(num, order.length - cursor);
        int inputSize = channels * height * width;
        float[] features = new float[count * inputSize];
        float[] labels = new float[count * classCount];
        int variants = augmentation.variantsPerImage();
        for (int i = 0; i < count; i++) {
            int sample = order[cursor + i];
            int image = sample / variants;
            Image variant = augmentation.variant(images.get(image), sample % variants);
            NetworkInput.write(variant, width, height, features, i * inputSize);
            if (standardise) {
                NetworkInput.standardise(features, i * inputSize, inputSize);
            }
            labels[i * classCount + classes[image]] = 1f;
        }
        cursor += count;
        DataSet batch = new DataSet(Nd4j.create(features, new long[] {count, channels, height, width}, 'c'),
                Nd4j.create(labels, new long[] {count, classCount}, 'c'));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public int inputColumns() {
        return channels * height * width;
    }

    @Override
    public int totalOutcomes() {
        return classCount;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch, with a new shuffled order. */
    @Override
    public void reset() {
        epoch++;
        shuffle();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return labelNames;
    }
}
