package org.cbir.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.cbir.core.ComponentSpec;
import org.cbir.nets.lenet.LeNetArchitecture;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.pretrained.ImagePreprocessing;
import org.cbir.nets.pretrained.PretrainedModel;
import org.cbir.nets.pretrained.SmallImagePolicy;
import org.cbir.nets.train.Augmentation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The enum values that manifests written before {@link ComponentSpec#enumName} became the one
 * idiom hold (then written by {@code specName()}, {@code name().toLowerCase()}, and by
 * {@code NetworkInputFormat.specValue}, lower case with '-' for '_') still read back, and are
 * written the same way now. The spellings are spelled out here, not computed.
 */
class SavedSpellingsTest {

    @Test
    void everyModelAndArchitectureReadsItsOldSpelling() {
        Map<String, PretrainedModel> models = Map.of("resnet50", PretrainedModel.RESNET50, "vgg16", PretrainedModel.VGG16,
                "vgg19", PretrainedModel.VGG19, "xception", PretrainedModel.XCEPTION, "squeezenet",
                PretrainedModel.SQUEEZENET, "nasnet", PretrainedModel.NASNET, "darknet19", PretrainedModel.DARKNET19);
        assertEquals(PretrainedModel.values().length, models.size());
        models.forEach((old, model) -> {
            assertEquals(model, ComponentSpec.enumConstant(PretrainedModel.class, old));
            assertEquals(old, ComponentSpec.enumName(model));
        });
        Map<String, LeNetArchitecture> architectures = Map.of("lenet5", LeNetArchitecture.LENET5, "pycbir",
                LeNetArchitecture.PYCBIR);
        assertEquals(LeNetArchitecture.values().length, architectures.size());
        architectures.forEach((old, a) -> assertEquals(a, ComponentSpec.enumConstant(LeNetArchitecture.class, old)));
        assertEquals(SmallImagePolicy.ZERO_PAD, ComponentSpec.enumConstant(SmallImagePolicy.class, "zero-pad"));
        assertEquals(ImagePreprocessing.IMAGENET_MEAN, ComponentSpec.enumConstant(ImagePreprocessing.class, "imagenet-mean"));
        assertEquals(ScheduleType.ITERATION, ComponentSpec.enumConstant(ScheduleType.class, "iteration"));
    }

    @Test
    void aLeNetSpecAsTheLastVersionWroteItStillParsesAndIsWrittenTheSame() {
        String old = "lenet(architecture=pycbir, augmentation=7/14+rot, batch-size=16, channels=1, decay=0.04, height=32,"
                + " input=standardised, layer=dense_last, learning-rate=0.01, loss-threshold=0.1, max-epochs=10,"
                + " momentum=0.9, seed=7, width=32)";
        LeNetOptions options = LeNetOptions.fromSpec(ComponentSpec.parse(old));
        assertEquals(LeNetOptions.builder().architecture(LeNetArchitecture.PYCBIR).augmentation(Augmentation.of(true, 7, 14))
                .batchSize(16).maxEpochs(10).seed(7).build(), options);
        assertEquals(old, options.spec().toString());
    }
}
