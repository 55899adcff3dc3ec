package org.cbir.nets.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.nets.Stripes;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.junit.jupiter.api.Test;

/**
 * The paper's deep network fine-tuned with its default freezing (up to {@code block17_20_ac}, the
 * end of the 17x17 stage), at the smallest input it allows (75x75) and for one epoch on four
 * stripe images, with random (seeded) weights: the structure after fine-tuning, not its quality.
 */
class FineTunedInceptionResNetV2Test {

    @Test
    void theLastStageAndANewClassifierLearnTheRestIsFrozen() {
        ComputationGraph base = InceptionResNetV2.of(1000, InceptionResNetV2.MIN_SIZE, InceptionResNetV2.MIN_SIZE, 7)
                .init();
        BaseNetwork network = BaseNetwork.inceptionResNetV2(base, InceptionResNetV2.MIN_SIZE, SmallImagePolicy.RESIZE,
                null);
        ImageCollection stripes = Stripes.collection(2, 31);
        FineTunedExtractor tuned = FineTuning.builder(network).maxEpochs(1).batchSize(4).seed(1).build()
                .fit(stripes, ProgressListener.NONE);
        ComputationGraph graph = tuned.network();
        assertEquals(1536, tuned.dimension());
        assertEquals(1536, tuned.extract(((ImageEntry.InMemory) stripes.entries().get(0)).image()).length);
        assertEquals(2, graph.getLayer(TransferGraph.OUTPUT).getParam("b").length());
        assertNull(graph.getVertex(InceptionResNetV2.OUTPUT), "the ImageNet classifier is gone");
        for (String frozen : List.of("stem_conv1", "block35_10_conv", "block17_20_conv", "mixed_6a_b0")) {
            assertInstanceOf(FrozenLayer.class, graph.getLayer(frozen), frozen);
            assertArrayEquals(base.getLayer(frozen).params().toFloatVector(),
                    graph.getLayer(frozen).params().toFloatVector(), frozen);
        }
        for (String learning : List.of("mixed_7a_b0a", "block8_10_conv", "conv_7b")) {
            assertFalse(graph.getLayer(learning) instanceof FrozenLayer, learning);
            assertFalse(Arrays.equals(base.getLayer(learning).params().toFloatVector(),
                    graph.getLayer(learning).params().toFloatVector()), learning + " did not change");
        }
        assertEquals("inception-resnet-v2", tuned.spec().require("base"));
        assertEquals("scale-minus-one-to-one", tuned.spec().require("preprocessing"));
        assertThrows(IllegalArgumentException.class,
                () -> BaseNetwork.inceptionResNetV2(base, 74, SmallImagePolicy.RESIZE, null));
    }
}
