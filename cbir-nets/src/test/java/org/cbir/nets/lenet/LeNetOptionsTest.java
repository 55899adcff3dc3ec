package org.cbir.nets.lenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cbir.core.ComponentSpec;
import org.cbir.core.image.Image;
import org.cbir.nets.train.Augmentation;
import org.junit.jupiter.api.Test;

class LeNetOptionsTest {

    @Test
    void defaultsAreDocumented() {
        LeNetOptions o = LeNetOptions.builder().build();
        assertEquals(LeNetArchitecture.LENET5, o.architecture());
        assertEquals(32, o.width());
        assertEquals(32, o.height());
        assertEquals(1, o.channels());
        assertEquals(0.01, o.learningRate());
        assertEquals(0.9, o.momentum());
        assertTrue(o.standardiseInput());
        assertEquals(0.04, o.decay());
        assertEquals(0.1, o.lossThreshold());
        assertEquals(Augmentation.paper(), o.augmentation());
        assertEquals("dense_last", o.signatureLayer());
    }

    @Test
    void specRoundTripsEveryOption() {
        LeNetOptions o = LeNetOptions.builder().architecture(LeNetArchitecture.PYCBIR).inputSize(24, 20)
                .standardiseInput(false).momentum(0.5).channels(3).learningRate(0.05).decay(0.001)
                .maxEpochs(7).lossThreshold(0.2).batchSize(9).seed(-3).augmentation(Augmentation.of(false, 2, 4))
                .signatureLayer("dense_1").build();
        ComponentSpec spec = o.spec();
        assertEquals("lenet", spec.type());
        assertEquals("2/4", spec.require("augmentation"));
        assertEquals(o, LeNetOptions.fromSpec(spec));
        assertEquals(spec, LeNetOptions.fromSpec(spec).spec());
        assertEquals("pycbir", spec.require("architecture"));
    }

    @Test
    void aSpecSavedBeforeArchitecturesWereNamedMeansPyCbirs() {
        ComponentSpec spec = LeNet.of(LeNetOptions.builder().architecture(LeNetArchitecture.PYCBIR).build()).spec();
        java.util.Map<String, String> parameters = new java.util.TreeMap<>(spec.parameters());
        parameters.remove("architecture");
        parameters.remove("input");
        parameters.remove("momentum");
        LeNetOptions old = LeNetOptions.fromSpec(new ComponentSpec("lenet", parameters));
        assertEquals(LeNetArchitecture.PYCBIR, old.architecture());
        assertFalse(old.standardiseInput());
        assertEquals(0, old.momentum());
        assertEquals(LeNetArchitecture.LENET5, LeNetOptions.fromSpec(LeNet.of(LeNetOptions.builder().build()).spec()).architecture());
    }

    @Test
    void dimensionIsTheFlattenedSizeOfTheChosenLayer() {
        // Hand-computed. LeNet-5: 5x5 valid convolutions take 4 from a side, 2x2 poolings halve it:
        // 32 -> 28 -> 14 -> 10 -> 5; 20 -> 16 -> 8 -> 4 -> 2.
        assertEquals(84, LeNet.of(LeNetOptions.builder().build()).dimension());
        assertEquals(120, LeNet.of(LeNetOptions.builder().signatureLayer("dense_1").build()).dimension());
        assertEquals(5 * 5 * 16, LeNet.of(LeNetOptions.builder().signatureLayer("pool_2").build()).dimension());
        assertEquals(28 * 28 * 6, LeNet.of(LeNetOptions.builder().signatureLayer("conv_1").build()).dimension());
        assertEquals(2 * 2 * 16, LeNet.of(LeNetOptions.builder().inputSize(20, 20).signatureLayer("pool_2").build()).dimension());
        // pyCBIR's: "same" 2x2 poolings halve a side, rounding up: 32 -> 16 -> 8 -> 4, 20 -> 10 -> 5 -> 3.
        LeNetOptions.Builder pycbir = LeNetOptions.builder().architecture(LeNetArchitecture.PYCBIR);
        assertEquals(64, pycbir.build().dimension());
        assertEquals(192, pycbir.signatureLayer("dense_1").build().dimension());
        assertEquals(4 * 4 * 48, pycbir.signatureLayer("pool_3").build().dimension());
        assertEquals(32 * 32 * 64, pycbir.signatureLayer("conv_1").build().dimension());
        assertEquals(3 * 3 * 48, pycbir.inputSize(20, 20).signatureLayer("pool_3").build().dimension());
    }

    @Test
    void invalidSettingsAreRefusedWithTheirName() {
        assertMessage("channels", () -> LeNetOptions.builder().channels(2).build());
        assertMessage("16x16", () -> LeNetOptions.builder().inputSize(12, 32).build());
        assertMessage("8x8", () -> LeNetOptions.builder().architecture(LeNetArchitecture.PYCBIR).inputSize(4, 32).build());
        assertMessage("pool_3", () -> LeNetOptions.builder().signatureLayer("pool_3").build());
        assertMessage("alexnet", () -> LeNetOptions.fromSpec(ComponentSpec.parse(LeNet.defaults().spec().toString().replace("lenet5", "alexnet"))));
        assertMessage("learning rate", () -> LeNetOptions.builder().learningRate(0).build());
        assertMessage("decay", () -> LeNetOptions.builder().decay(-1).build());
        assertMessage("momentum", () -> LeNetOptions.builder().momentum(1).build());
        assertMessage("epochs", () -> LeNetOptions.builder().maxEpochs(0).build());
        assertMessage("batch size", () -> LeNetOptions.builder().batchSize(0).build());
        assertMessage("classification", () -> LeNetOptions.builder().signatureLayer("classification").build());
        assertMessage("seed", () -> LeNetOptions.fromSpec(ComponentSpec.of("lenet", "seed", "x")));
    }

    @Test
    void theRecipeIsTrainableButHasNoSignatures() {
        LeNet recipe = LeNet.defaults();
        assertTrue(recipe.isTrainable());
        assertEquals(LeNetOptions.defaults(), recipe.options());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> recipe.extract(Image.grey(8, 8, new float[64])));
        assertTrue(e.getMessage().contains("fit(training, progress)"), e.getMessage());
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
