package org.cbir.nets.lenet;

import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.nets.internal.EpochLoop;
import org.cbir.nets.train.Augmentation;

/**
 * How a {@link LeNet} is shaped and trained; validated on construction, immutable. Build one
 * with {@link #builder()}, which holds the defaults; {@link #spec()} writes every field (each
 * changes the signatures) and {@link #fromSpec} reads them back.
 *
 * <pre>{@code
 * LeNetOptions options = LeNetOptions.builder().inputSize(32, 32).maxEpochs(20).seed(7).build();
 * LeNetExtractor trained = LeNet.of(options).fit(training, progress);
 * }</pre>
 *
 * @param architecture the network: {@link LeNetArchitecture#LENET5} (default) or pyCBIR's wider
 *     {@link LeNetArchitecture#PYCBIR}
 * @param width network input width in pixels; images are resized to it (default 32)
 * @param height network input height in pixels (default 32)
 * @param channels 1 to train and extract on grey images ({@code Image.toGrey()}), 3 for RGB
 *     (grey images are replicated into three channels); default 1
 * @param standardiseInput whether each image, as the network reads it (resized, augmented), is
 *     shifted and scaled to zero mean and unit variance (default true); false feeds samples in
 *     0..1 as pyCBIR did. Standardised input trains several times faster (see BENCHMARKS.md)
 * @param learningRate the initial SGD learning rate (default 0.01; the paper's plain SGD: 0.1)
 * @param momentum Nesterov momentum of SGD, in [0, 1) (default 0.9; the paper: 0, plain SGD).
 *     On the GISAXS samples 0.9 at rate 0.01 reaches a top-1 accuracy of 0.94 where the paper's
 *     plain SGD at 0.1 reaches 0.84 in the same 40 epochs (BENCHMARKS.md)
 * @param decay inverse-time decay of the learning rate per epoch: the rate in epoch {@code e}
 *     (from 0) is {@code learningRate / (1 + decay * e)} (paper: 0.04), Deeplearning4j's
 *     {@code InverseSchedule(EPOCH, learningRate, decay, 1)}. Keras's legacy {@code SGD(decay=...)},
 *     which pyCBIR 0.1.1 used (with {@code decay=1e-3} hard-coded in {@code keras_training.py}),
 *     applies the same formula per mini-batch iteration instead; per epoch keeps the schedule
 *     independent of the batch size and of the augmentation factor (0.04 per iteration would
 *     shrink the rate tenfold within 250 mini-batches)
 * @param maxEpochs training stops after this many epochs at the latest (default 30)
 * @param lossThreshold training stops earlier, after an epoch whose mean training loss is below
 *     this value and not lower than the previous epoch's (paper: 0.1)
 * @param batchSize mini-batch size for training (default 32)
 * @param seed seeds weight initialisation, dropout and the shuffling of the training samples;
 *     the same seed and data give the same network on the same backend and thread count
 * @param augmentation how training images are augmented (default {@link Augmentation#paper()})
 * @param signatureLayer the name of the layer whose output is the signature (default
 *     {@code "dense_last"}, the last hidden dense layer); see {@link LeNetArchitecture}
 */
public record LeNetOptions(LeNetArchitecture architecture, int width, int height, int channels,
        boolean standardiseInput, double learningRate, double momentum, double decay,
        int maxEpochs, double lossThreshold, int batchSize, long seed, Augmentation augmentation,
        String signatureLayer) {

    /** The spec type of LeNet extractors. */
    public static final String TYPE = "lenet";

    private static final String STANDARDISED = "standardised";
    private static final String UNIT_RANGE = "unit-range";

    /** @throws IllegalArgumentException naming the first invalid field */
    public LeNetOptions {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(signatureLayer, "signatureLayer");
        String name = ComponentSpec.enumName(architecture);
        int minimum = architecture.minimumInputSize();
        if (width < minimum || height < minimum) {
            throw new IllegalArgumentException("the " + name + " input must be at least " + minimum
                    + "x" + minimum + ", got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("LeNet channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        EpochLoop.checkSettings(learningRate, decay, maxEpochs, lossThreshold, batchSize);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!architecture.hiddenLayers().contains(signatureLayer)) {
            throw new IllegalArgumentException("unknown " + name + " signature layer '"
                    + signatureLayer + "'; choose one of " + architecture.hiddenLayers());
        }
    }

    /** A builder holding the defaults (each setter names its own). */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: LeNet-5 at 32x32 grey, standardised input, SGD 0.01 with momentum 0.9. */
    public static LeNetOptions defaults() {
        return builder().build();
    }

    /** The flattened output size of the signature layer per image (84 for LeNet-5's {@code dense_last}). */
    public int dimension() {
        return architecture.outputSize(this, signatureLayer);
    }

    /** The spec that {@link #fromSpec} reads back. */
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, "architecture", architecture,
                "width", width, "height", height, "channels", channels,
                "input", standardiseInput ? STANDARDISED : UNIT_RANGE,
                "learning-rate", learningRate, "momentum", momentum, "decay", decay,
                "max-epochs", maxEpochs, "loss-threshold", lossThreshold,
                "batch-size", batchSize, "seed", seed,
                "augmentation", augmentation, "layer", signatureLayer);
    }

    /**
     * The options a spec of type {@value #TYPE} records. A spec without {@code architecture} was
     * written before LeNet-5 became the default and means {@link LeNetArchitecture#PYCBIR}, and
     * one without {@code input} or {@code momentum} means input in 0..1 and plain SGD.
     *
     * @throws IllegalArgumentException if the type differs or a parameter is missing or invalid
     */
    public static LeNetOptions fromSpec(ComponentSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a " + TYPE + " spec: " + spec);
        }
        long seed = spec.requireLong("seed");
        LeNetArchitecture architecture = spec.optional("architecture").isPresent()
                ? spec.requireEnum("architecture", LeNetArchitecture.class) : LeNetArchitecture.PYCBIR;
        String input = spec.optional("input").orElse(UNIT_RANGE);
        if (!input.equals(STANDARDISED) && !input.equals(UNIT_RANGE)) {
            throw new IllegalArgumentException("parameter 'input' of " + spec + " must be " + STANDARDISED + " or "
                    + UNIT_RANGE);
        }
        double momentum = spec.optional("momentum").isPresent() ? spec.requireDouble("momentum") : 0;
        return new LeNetOptions(architecture, spec.requireInt("width"),
                spec.requireInt("height"), spec.requireInt("channels"), input.equals(STANDARDISED),
                spec.requireDouble("learning-rate"), momentum, spec.requireDouble("decay"), spec.requireInt("max-epochs"),
                spec.requireDouble("loss-threshold"), spec.requireInt("batch-size"), seed,
                Augmentation.parse(spec.require("augmentation")), spec.require("layer"));
    }

    /**
     * Collects {@link LeNetOptions}; every setter documents its default. Not thread-safe;
     * {@link #build()} validates.
     */
    public static final class Builder {
        private LeNetArchitecture architecture = LeNetArchitecture.LENET5;
        private int width = 32;
        private int height = 32;
        private int channels = 1;
        private boolean standardiseInput = true;
        private double learningRate = 0.01;
        private double momentum = 0.9;
        private double decay = 0.04;
        private int maxEpochs = 30;
        private double lossThreshold = 0.1;
        private int batchSize = 32;
        private long seed = 42;
        private Augmentation augmentation = Augmentation.paper();
        private String signatureLayer = "dense_last";

        private Builder() {
        }

        /** The network (default {@link LeNetArchitecture#LENET5}; {@link LeNetArchitecture#PYCBIR} is pyCBIR's, 30 times costlier). */
        public Builder architecture(LeNetArchitecture architecture) {
            this.architecture = architecture;
            return this;
        }

        /** Network input size; images are resized to it (default 32x32). Larger sizes cost more time. */
        public Builder inputSize(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** 1 for grey input (default), 3 for RGB. */
        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Whether each input image is standardised to zero mean and unit variance (default true), see {@link LeNetOptions#standardiseInput()}. */
        public Builder standardiseInput(boolean standardiseInput) {
            this.standardiseInput = standardiseInput;
            return this;
        }

        /** Nesterov momentum in [0, 1) (default 0.9; 0 for the paper's plain SGD). */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Initial SGD learning rate (default 0.01 with momentum 0.9; the paper's plain SGD used 0.1). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Inverse-time decay per epoch, see {@link LeNetOptions#decay()} (default 0.04, the paper's). */
        public Builder decay(double decay) {
            this.decay = decay;
            return this;
        }

        /** The most epochs training runs (default 30). */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Stop once the epoch loss is below this and no longer falls (default 0.1, the paper's). */
        public Builder lossThreshold(double lossThreshold) {
            this.lossThreshold = lossThreshold;
            return this;
        }

        /** Mini-batch size for training (default 32); extraction runs larger batches. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of initial weights, dropout and sample order (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Training-set augmentation (default {@link Augmentation#paper()}; {@link Augmentation#none()} to train on the images as they are). */
        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** The layer whose output is the signature, one of the architecture's {@link LeNetArchitecture#hiddenLayers()} (default {@code dense_last}). */
        public Builder signatureLayer(String signatureLayer) {
            this.signatureLayer = signatureLayer;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public LeNetOptions build() {
            return new LeNetOptions(architecture, width, height, channels, standardiseInput, learningRate, momentum,
                    decay, maxEpochs, lossThreshold, batchSize, seed, augmentation, signatureLayer);
        }
    }
}
