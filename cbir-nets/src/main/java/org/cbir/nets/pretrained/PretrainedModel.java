package org.cbir.nets.pretrained;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.cbir.core.ComponentSpec;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.NASNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;
import org.deeplearning4j.zoo.model.Xception;

/**
 * The ImageNet-pretrained networks of the Deeplearning4j zoo that {@link PretrainedExtractor}
 * uses, each with its input size, its preprocessing and its default signature layer: the global
 * pooling (or, for VGG, the last hidden dense layer) before the classifier. Where the classifier
 * is a 1x1 convolution followed by global pooling (SqueezeNet, Darknet19), the default is the
 * activation before that convolution, which {@link PretrainedExtractor} averages over space.
 * The layer names are those of the zoo's configurations in Deeplearning4j 1.0.0-M2.1.
 */
public enum PretrainedModel {
    /** ResNet-50 (He et al. 2016), 224x224, ImageNet mean subtraction; {@code avgpool}, 2048-d. */
    RESNET50(224, 224, ImagePreprocessing.IMAGENET_MEAN, "avgpool", () -> ResNet50.builder().numClasses(PretrainedModel.IMAGENET_CLASSES).build()),
    /** VGG-16 (Simonyan &amp; Zisserman 2015), 224x224, ImageNet mean; {@code 19} (fc2), 4096-d. */
    VGG16(224, 224, ImagePreprocessing.IMAGENET_MEAN, "19", () -> org.deeplearning4j.zoo.model.VGG16.builder().numClasses(PretrainedModel.IMAGENET_CLASSES).build()),
    /** VGG-19 as the zoo builds it, 224x224, ImageNet mean; {@code 21} (its hidden dense layer), 4096-d. */
    VGG19(224, 224, ImagePreprocessing.IMAGENET_MEAN, "21", () -> org.deeplearning4j.zoo.model.VGG19.builder().numClasses(PretrainedModel.IMAGENET_CLASSES).build()),
    /** Xception (Chollet 2017), 299x299, scaled to [-1, 1]; {@code avg_pool}, 2048-d. */
    XCEPTION(299, 299, ImagePreprocessing.SCALE_MINUS_ONE_TO_ONE, "avg_pool", () -> Xception.builder().numClasses(PretrainedModel.IMAGENET_CLASSES).build()),
    /** SqueezeNet 1.1 (Iandola et al. 2016), 227x227, ImageNet mean; {@code fire9} averaged, 512-d. */
    SQUEEZENET(227, 227, ImagePreprocessing.IMAGENET_MEAN, "fire9", () -> SqueezeNet.builder().numClasses(PretrainedModel.IMAGENET_CLASSES).build()),
    /**
     * NASNet-Mobile (Zoph et al. 2018), 224x224, scaled to [-1, 1]; {@code avg_pool}, 1056-d. Its
     * zoo configuration does not build in Deeplearning4j 1.0.0-M2.1 (the graph builder asks for
     * activation types before inputs are set), so it is usable from its pretrained file only.
     */
    NASNET(224, 224, ImagePreprocessing.SCALE_MINUS_ONE_TO_ONE, "avg_pool", () -> NASNet.builder().numClasses(PretrainedModel.IMAGENET_CLASSES).build()),
    /** Darknet-19 (Redmon &amp; Farhadi 2017), 224x224, scaled to [0, 1]; {@code activation_18} averaged, 1024-d. */
    DARKNET19(224, 224, ImagePreprocessing.SCALE_ZERO_TO_ONE, "activation_18", () -> Darknet19.builder().numClasses(PretrainedModel.IMAGENET_CLASSES).build());

    /** The number of ImageNet classes the zoo's weights predict. */
    public static final int IMAGENET_CLASSES = 1000;

    private final int width;
    private final int height;
    private final ImagePreprocessing preprocessing;
    private final String defaultLayer;
    private final Supplier<ZooModel<?>> zoo;

    PretrainedModel(int width, int height, ImagePreprocessing preprocessing, String defaultLayer,
            Supplier<ZooModel<?>> zoo) {
        this.width = width;
        this.height = height;
        this.preprocessing = preprocessing;
        this.defaultLayer = defaultLayer;
        this.zoo = zoo;
    }

    /** Input width the ImageNet weights expect. */
    public int width() {
        return width;
    }

    /** Input height the ImageNet weights expect. */
    public int height() {
        return height;
    }

    /** How 0..255 RGB pixels are transformed before the network. */
    public ImagePreprocessing preprocessing() {
        return preprocessing;
    }

    /** The layer whose output is the signature by default. */
    public String defaultLayer() {
        return defaultLayer;
    }

    /** A new zoo model (1000 ImageNet classes) of this kind; building it allocates no weights. */
    public ZooModel<?> zooModel() {
        return zoo.get();
    }

    /** The zoo's name of the model, which names its folder in the zoo cache (e.g. {@code resnet50}). */
    public String zooName() {
        return zooModel().modelName();
    }

    /** Where the zoo downloads the ImageNet weights from, as the zoo model reports it. */
    public String pretrainedUrl() {
        return zooModel().pretrainedUrl(PretrainedType.IMAGENET);
    }

    /** The weights file's name, the last part of {@link #pretrainedUrl()} (as the zoo's cache names it). */
    public String weightsFileName() {
        return new File(pretrainedUrl()).getName();
    }

    /** Deeplearning4j's zoo cache folder, {@code ~/.deeplearning4j/models} unless configured in DL4J; nothing is created. */
    public static Path defaultCacheFolder() {
        return new File(DL4JResources.getBaseDirectory(), ResourceType.ZOO_MODEL.resourceName()).toPath();
    }

    /** The weights file inside a zoo-style cache folder: {@code cacheFolder/zooName/weightsFileName}. */
    public Path weightsFileIn(Path cacheFolder) {
        return cacheFolder.resolve(zooName()).resolve(weightsFileName());
    }

    /**
     * The zoo's network configuration with its input set; allocates no weights.
     *
     * @throws IllegalStateException for {@link #NASNET}, whose zoo configuration does not build (see there)
     */
    public ComputationGraphConfiguration configuration() {
        ZooModel<?> model = zooModel();
        if (model instanceof org.deeplearning4j.zoo.model.VGG16 v) {
            return v.conf();
        }
        if (model instanceof org.deeplearning4j.zoo.model.VGG19 v) {
            return v.conf();
        }
        if (model instanceof Darknet19 d) {
            return d.conf();
        }
        GraphBuilder builder;
        try {
            builder = switch (this) {
                case RESNET50 -> ((ResNet50) model).graphBuilder();
                case XCEPTION -> ((Xception) model).graphBuilder();
                case SQUEEZENET -> ((SqueezeNet) model).graphBuilder();
                case NASNET -> ((NASNet) model).graphBuilder();
                default -> throw new AssertionError(this);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the Deeplearning4j zoo cannot build the " + ComponentSpec.enumName(this)
                    + " configuration: " + e.getMessage(), e);
        }
        if (builder.getNetworkInputs().isEmpty()) {
            builder.addInputs("input").setInputTypes(InputType.convolutional(height, width, 3));
        }
        return builder.build();
    }
}
