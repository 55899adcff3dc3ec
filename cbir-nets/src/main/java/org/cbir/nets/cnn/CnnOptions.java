package org.cbir.nets.cnn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.nets.internal.EpochLoop;
import org.cbir.nets.train.RandomAugmentation;

/**
 * How a {@link CompactCnn} is shaped and trained; validated on construction, immutable. Build
 * one with {@link #builder()} or {@link #simclr()}, which hold the defaults. Every field
 * changes the signatures, so all are recorded in the extractor's spec.
 *
 * @param selfSupervised false: trained on the labels with the cosine softmax
 *     ({@link CosineSoftmaxLayer}), spec type {@value #TYPE}; true: trained without labels with
 *     SimCLR's NT-Xent ({@link NtXentLayer}), spec type {@value #SSL_TYPE}
 * @param filters the filters of the first stage (default 16); each later stage doubles them.
 *     Cost grows with its square
 * @param stages convolution stages (default 4), a 2x2 max pooling between two; the input must be
 *     at least {@code 2^(stages-1)} pixels a side
 * @param convolutions 3x3 convolutions (each with batch normalisation and ReLU) per stage (default 1)
 * @param embedding the signature size (default 128)
 * @param maxInputSize the network reads images at their own (median) size, shrunk to fit this
 *     many pixels a side (default 64)
 * @param stemStride the stride of the first convolution: 1 (the default), 2, or
 *     {@value #AUTO_STEM} for 2 when the input's smaller side exceeds {@value #AUTO_STEM_SIDE}
 *     pixels and 1 otherwise, so that an input of up to 128 pixels a side costs about what 64
 *     pixels cost at stride 1 while the first filters still see every pixel (on the GISAXS
 *     patterns, 100x100 at stride 2 retrieved worse than 64x64 at stride 1: BENCHMARKS.md)
 * @param scale the cosine softmax's scale s (default 16), an inverse temperature
 * @param margin the cosine softmax's additive margin m, in [0, 1) (default 0.2)
 * @param temperature NT-Xent's temperature tau (default 0.2)
 * @param learningRate Adam's initial learning rate (default 0.002), decayed linearly towards 0 over
 *     {@code maxEpochs}
 * @param weightDecay decoupled weight decay (default 0.0005)
 * @param maxEpochs the most epochs (default 40 supervised, 30 self-supervised)
 * @param patience supervised training stops after this many epochs without a better validation
 *     MAP (default 8); the best epoch's weights are kept
 * @param validationShare the share of each class's fitting images held out to validate on
 *     (default 0.2, at least one image of each class); unused by self-supervised training
 * @param batchSize images per mini-batch (default 64; self-supervised batches hold two views of each)
 * @param seed seeds initial weights, the validation split, shuffling and augmentation
 * @param augmentation the random augmentation, or null for the defaults of
 *     {@link RandomAugmentation#forImages(int, org.cbir.nets.train.CollectionSymmetry)}, chosen from the
 *     training images' size and symmetries (recorded after training)
 */
public record CnnOptions(boolean selfSupervised, int filters, int stages, int convolutions, int embedding,
        int maxInputSize, int stemStride, double scale, double margin, double temperature, double learningRate, double weightDecay,
        int maxEpochs, int patience, double validationShare, int batchSize, long seed,
        RandomAugmentation augmentation) {

    /** The spec type of supervised CNN extractors. */
    public static final String TYPE = "cnn";
    /** The spec type of self-supervised CNN extractors. */
    public static final String SSL_TYPE = "ssl";
    /** The {@link #stemStride()} that picks 1 or 2 from the input size. */
    public static final int AUTO_STEM = 0;
    /** With {@link #AUTO_STEM}, inputs whose smaller side exceeds this many pixels get a stride-2 stem. */
    public static final int AUTO_STEM_SIDE = 64;
    private static final String AUTO = "auto";

    /** @throws IllegalArgumentException naming the first invalid field */
    public CnnOptions {
        positive("filters", filters);
        positive("stages", stages);
        positive("convolutions per stage", convolutions);
        positive("embedding size", embedding);
        positive("patience", patience);
        if (stages > 8) {
            throw new IllegalArgumentException("at most 8 stages, got " + stages);
        }
        if (stemStride != AUTO_STEM && stemStride != 1 && stemStride != 2) {
            throw new IllegalArgumentException("stem stride must be 1, 2 or auto, got " + stemStride);
        }
        if (maxInputSize < minimumInputSize(stages) * Math.max(1, stemStride)) {
            if (stemStride == 2) {
                throw new IllegalArgumentException("the largest input side must be at least "
                        + 2 * minimumInputSize(stages) + " for " + stages + " stages after a stride-2 stem, got "
                        + maxInputSize);
            }
            throw new IllegalArgumentException("the largest input side must be at least " + minimumInputSize(stages)
                    + " for " + stages + " stages, got " + maxInputSize);
        }
        if (!(scale >= 1) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("cosine softmax scale must be at least 1 and finite, got " + scale);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("cosine softmax margin must be in [0, 1), got " + margin);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("NT-Xent temperature must be positive and finite, got " + temperature);
        }
        if (!(validationShare > 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validation share must be in (0, 1), got " + validationShare);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0 and finite, got " + weightDecay);
        }
        EpochLoop.checkSettings(learningRate, 0, maxEpochs, 0, batchSize);
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be at least 2 (batch normalisation and the "
                    + "contrastive loss compare the images of a batch), got " + batchSize);
        }
    }

    /** A builder for supervised training ({@value #TYPE}) holding the defaults. */
    public static Builder builder() {
        return new Builder(false);
    }

    /** A builder for self-supervised training ({@value #SSL_TYPE}, SimCLR) holding the defaults. */
    public static Builder simclr() {
        return new Builder(true);
    }

    /** The smallest input side {@code stages} stages accept: {@code 2^(stages-1)}. */
    static int minimumInputSize(int stages) {
        return 1 << (stages - 1);
    }

    /**
     * The stride of the first convolution for an input of {@code width x height}: {@link #stemStride()},
     * or for {@link #AUTO_STEM} 2 when the smaller side exceeds {@value #AUTO_STEM_SIDE} (and
     * leaves the stages enough pixels), else 1.
     */
    int stemStrideFor(int width, int height) {
        if (stemStride != AUTO_STEM) {
            return stemStride;
        }
        int side = Math.min(width, height);
        return side > AUTO_STEM_SIDE && side >= 2 * minimumInputSize(stages) ? 2 : 1;
    }

    /** The spec type: {@value #TYPE} or {@value #SSL_TYPE}. */
    public String type() {
        return selfSupervised ? SSL_TYPE : TYPE;
    }

    /** These options with the augmentation set (after training chose the defaults). */
    CnnOptions withAugmentation(RandomAugmentation chosen) {
        return new CnnOptions(selfSupervised, filters, stages, convolutions, embedding, maxInputSize, stemStride, scale,
                margin, temperature, learningRate, weightDecay, maxEpochs, patience, validationShare, batchSize, seed,
                chosen);
    }

    /** The spec parameters, in order; {@link CnnInput} adds the trained network's input. */
    Map<String, Object> specParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("filters", filters);
        p.put("stages", stages);
        p.put("convolutions", convolutions);
        p.put("embedding", embedding);
        p.put("max-input", maxInputSize);
        p.put("stem", stemStride == AUTO_STEM ? AUTO : stemStride);
        if (selfSupervised) {
            p.put("temperature", number(temperature));
        } else {
            p.put("scale", number(scale));
            p.put("margin", number(margin));
            p.put("patience", patience);
            p.put("validation", number(validationShare));
        }
        p.put("learning-rate", number(learningRate));
        p.put("weight-decay", number(weightDecay));
        p.put("max-epochs", maxEpochs);
        p.put("batch-size", batchSize);
        p.put("seed", seed);
        p.put("augmentation", augmentation == null ? AUTO : augmentation.toString());
        return p;
    }

    /** The spec of the {@link CompactCnn} recipe with these options, which {@link #fromSpec} reads back. */
    public ComponentSpec spec() {
        return spec(specParameters());
    }

    /** A spec of this type with these parameters, in order. */
    ComponentSpec spec(Map<String, Object> parameters) {
        Object[] pairs = new Object[parameters.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return ComponentSpec.of(type(), pairs);
    }

    /**
     * The options a spec of type {@value #TYPE} or {@value #SSL_TYPE} records.
     *
     * @throws IllegalArgumentException if the type differs or a parameter is missing or invalid
     */
    public static CnnOptions fromSpec(ComponentSpec spec) {
        boolean ssl = SSL_TYPE.equals(spec.type());
        if (!ssl && !TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a " + TYPE + " or " + SSL_TYPE + " spec: " + spec);
        }
        CnnOptions defaults = ssl ? simclr().build() : builder().build();
        long seed = spec.requireLong("seed");
        String augmentation = spec.require("augmentation");
        // specs written before the stem became an option had a stride-1 stem
        String stem = spec.optional("stem").orElse(null);
        return new CnnOptions(ssl, spec.requireInt("filters"), spec.requireInt("stages"),
                spec.requireInt("convolutions"), spec.requireInt("embedding"), spec.requireInt("max-input"),
                stem == null ? 1 : stem.equals(AUTO) ? AUTO_STEM : spec.requireInt("stem"),
                ssl ? defaults.scale() : spec.requireDouble("scale"), ssl ? defaults.margin() : spec.requireDouble("margin"),
                ssl ? spec.requireDouble("temperature") : defaults.temperature(),
                spec.requireDouble("learning-rate"), spec.requireDouble("weight-decay"), spec.requireInt("max-epochs"),
                ssl ? defaults.patience() : spec.requireInt("patience"),
                ssl ? defaults.validationShare() : spec.requireDouble("validation"),
                spec.requireInt("batch-size"), seed,
                augmentation.equals(AUTO) ? null : RandomAugmentation.parse(augmentation));
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public String toString() {
        return Objects.toString(spec());
    }

    /**
     * Collects {@link CnnOptions}; every setter documents its default (see the record's
     * components for what each changes). Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private final boolean selfSupervised;
        private int filters = 16;
        private int stages = 4;
        private int convolutions = 1;
        private int embedding = 128;
        private int maxInputSize = 64;
        private int stemStride = 1;
        private double scale = 16;
        private double margin = 0.2;
        private double temperature = 0.2;
        private double learningRate = 0.002;
        private double weightDecay = 0.0005;
        private int maxEpochs;
        private int patience = 8;
        private double validationShare = 0.2;
        private int batchSize = 64;
        private long seed = 42;
        private RandomAugmentation augmentation;

        private Builder(boolean selfSupervised) {
            this.selfSupervised = selfSupervised;
            this.maxEpochs = selfSupervised ? 30 : 40;
        }

        /** Filters of the first stage (default 16); later stages double them. */
        public Builder filters(int filters) {
            this.filters = filters;
            return this;
        }

        /** Convolution stages (default 4). */
        public Builder stages(int stages) {
            this.stages = stages;
            return this;
        }

        /** Convolutions per stage (default 1). */
        public Builder convolutions(int convolutions) {
            this.convolutions = convolutions;
            return this;
        }

        /** Signature size (default 128). */
        public Builder embedding(int embedding) {
            this.embedding = embedding;
            return this;
        }

        /** The largest input side (default 64). */
        public Builder maxInputSize(int maxInputSize) {
            this.maxInputSize = maxInputSize;
            return this;
        }

        /**
         * The first convolution's stride (default 1), 2, or {@link #AUTO_STEM}: 2 for
         * inputs whose smaller side exceeds {@value #AUTO_STEM_SIDE} pixels, else 1.
         */
        public Builder stemStride(int stemStride) {
            this.stemStride = stemStride;
            return this;
        }

        /** Cosine softmax scale (default 16). */
        public Builder scale(double scale) {
            this.scale = scale;
            return this;
        }

        /** Cosine softmax margin (default 0.2). */
        public Builder margin(double margin) {
            this.margin = margin;
            return this;
        }

        /** NT-Xent temperature (default 0.2). */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Adam's initial learning rate (default 0.002). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Decoupled weight decay (default 0.0005). */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** The most epochs (default 40 supervised, 30 self-supervised). */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Epochs without a better validation MAP before supervised training stops (default 8). */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /** Share of each class held out for validation (default 0.2). */
        public Builder validationShare(double validationShare) {
            this.validationShare = validationShare;
            return this;
        }

        /** Images per mini-batch (default 64). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of weights, split, order and augmentation (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The augmentation (default: {@link RandomAugmentation#forImages(int, org.cbir.nets.train.CollectionSymmetry)},
         * chosen from the training images' size and symmetries).
         */
        public Builder augmentation(RandomAugmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public CnnOptions build() {
            return new CnnOptions(selfSupervised, filters, stages, convolutions, embedding, maxInputSize,
                    stemStride, scale, margin, temperature, learningRate, weightDecay, maxEpochs, patience, validationShare,
                    batchSize, seed, augmentation);
        }
    }
}
