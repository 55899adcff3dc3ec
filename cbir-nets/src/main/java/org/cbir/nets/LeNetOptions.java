package org.cbir.nets;

import java.util.Locale;
import java.util.Objects;
import org.cbir.core.ComponentSpec;

/**
 * How a {@link LeNetExtractor} is shaped and trained; validated on construction, immutable.
 * Build one with {@link LeNetExtractor#builder()}. Every field changes the signatures, so all of
 * them are recorded in the extractor's {@link ComponentSpec}.
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
        int minimum = architecture.minimumInputSize();
        if (width < minimum || height < minimum) {
            throw new IllegalArgumentException("the " + architecture.specName() + " input must be at least " + minimum
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
            throw new IllegalArgumentException("unknown " + architecture.specName() + " signature layer '"
                    + signatureLayer + "'; choose one of " + architecture.hiddenLayers());
        }
    }

    /** The spec that {@link #fromSpec} reads back. */
    public ComponentSpec toSpec() {
        return ComponentSpec.of(TYPE, "architecture", architecture.specName(),
                "width", width, "height", height, "channels", channels,
                "input", standardiseInput ? STANDARDISED : UNIT_RANGE,
                "learning-rate", number(learningRate), "momentum", number(momentum), "decay", number(decay),
                "max-epochs", maxEpochs, "loss-threshold", number(lossThreshold),
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
        String architecture = spec.parameters().getOrDefault("architecture", LeNetArchitecture.PYCBIR.specName());
        String input = spec.parameters().getOrDefault("input", UNIT_RANGE);
        if (!input.equals(STANDARDISED) && !input.equals(UNIT_RANGE)) {
            throw new IllegalArgumentException("parameter 'input' of " + spec + " must be " + STANDARDISED + " or "
                    + UNIT_RANGE);
        }
        double momentum = spec.parameters().containsKey("momentum") ? spec.requireDouble("momentum") : 0;
        return new LeNetOptions(LeNetArchitecture.parse(architecture), spec.requireInt("width"),
                spec.requireInt("height"), spec.requireInt("channels"), input.equals(STANDARDISED),
                spec.requireDouble("learning-rate"), momentum, spec.requireDouble("decay"), spec.requireInt("max-epochs"),
                spec.requireDouble("loss-threshold"), spec.requireInt("batch-size"), seed,
                Augmentation.parse(spec.require("augmentation")), spec.require("layer"));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
