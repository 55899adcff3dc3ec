package org.cbir.nets.pretrained;

import java.util.Objects;
import org.cbir.nets.internal.EpochLoop;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.train.Augmentation;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * How a {@link FineTunedExtractor} is trained; validated on construction, immutable. Build one
 * through {@link FineTuning#builder}; every field changes the signatures and is recorded
 * in the extractor's spec.
 *
 * @param signatureLayer the layer whose output is the signature and the new classifier's input;
 *     the base's layers after it are dropped
 * @param frozenUpTo the last frozen layer: it and every layer it depends on keep their weights
 *     (a network input's name freezes nothing)
 * @param learningRate the initial SGD learning rate (paper: 0.008)
 * @param decay inverse-time decay, the rate at step {@code t} (from 0) being
 *     {@code learningRate / (1 + decay * t)} (paper: 0.0004), Deeplearning4j's
 *     {@code InverseSchedule(decayPer, learningRate, decay, 1)}
 * @param decayPer what a step {@code t} of the decay is. {@link ScheduleType#ITERATION} (the
 *     default) counts mini-batch updates, as Keras's {@code SGD(decay=...)} that pyCBIR used does;
 *     with 0.0004 the rate falls by a tenth every 250 updates, so it matters over long runs only.
 *     {@link ScheduleType#EPOCH} counts epochs, as {@link LeNetOptions#decay()} does, which keeps
 *     the schedule independent of batch size and augmentation but leaves 0.0004 practically constant
 * @param maxEpochs training stops after this many epochs at the latest (default 10)
 * @param lossThreshold training stops earlier, after an epoch whose mean loss is below this value
 *     and not lower than the epoch before (the paper's rule, as for LeNet; default 0.1)
 * @param batchSize mini-batch size for training and batched extraction (default 16)
 * @param seed seeds the new classifier's weights, dropout and the order of training samples
 * @param augmentation how training images are augmented (default {@link Augmentation#none()};
 *     {@link Augmentation#paper()} multiplies an epoch by 52)
 */
public record FineTuneOptions(String signatureLayer, String frozenUpTo, double learningRate, double decay,
        ScheduleType decayPer, int maxEpochs, double lossThreshold, int batchSize, long seed,
        Augmentation augmentation) {

    /** The paper's fine-tuning learning rate. */
    public static final double PAPER_LEARNING_RATE = 0.008;
    /** The paper's fine-tuning decay. */
    public static final double PAPER_DECAY = 0.0004;

    /** @throws IllegalArgumentException naming the first invalid field */
    public FineTuneOptions {
        Objects.requireNonNull(signatureLayer, "signatureLayer");
        Objects.requireNonNull(frozenUpTo, "frozenUpTo");
        Objects.requireNonNull(decayPer, "decayPer");
        Objects.requireNonNull(augmentation, "augmentation");
        EpochLoop.checkSettings(learningRate, decay, maxEpochs, lossThreshold, batchSize);
    }
}
